import { Module } from '@nestjs/common';
import { MetricsModule } from '@modelstream/platform';
import { RedisConnection } from '@modelstream/storage';
import { JobChangeFeed } from './job-change.feed';
import { JobStatusController } from './job-status.controller';
import { JobStatusProjection } from './job-status.projection';
import { JobStatusService } from './job-status.service';
import { StatusProjector } from './status-projector';

/** Job status: the Redis projection, its projector (consumer group), the status API and the live stream. */
@Module({
  imports: [MetricsModule],
  controllers: [JobStatusController],
  providers: [
    {
      provide: JobStatusProjection,
      inject: [RedisConnection],
      useFactory: (redis: RedisConnection) => new JobStatusProjection(redis.client),
    },
    JobChangeFeed,
    JobStatusService,
    StatusProjector,
  ],
  exports: [JobStatusProjection, JobStatusService],
})
export class StatusModule {}
