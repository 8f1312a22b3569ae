import { Module } from '@nestjs/common';
import { MetricsModule } from '@modelstream/platform';
import { RedisConnection, RedisKeys } from '@modelstream/storage';
import { JobChangeFeed } from './job-change.feed';
import { JobStatusController } from './job-status.controller';
import { JobStatusProjection } from './job-status.projection';
import { JobStatusService } from './job-status.service';
import { StatusProjectorController } from './status-projector.controller';

/** Job status: the Redis projection, its projector (a Kafka consumer group), the status API and the live stream. */
@Module({
  imports: [MetricsModule],
  controllers: [JobStatusController, StatusProjectorController],
  providers: [
    {
      provide: JobStatusProjection,
      inject: [RedisConnection, RedisKeys],
      useFactory: (redis: RedisConnection, keys: RedisKeys) => new JobStatusProjection(redis.client, keys),
    },
    JobChangeFeed,
    JobStatusService,
  ],
  exports: [JobStatusProjection, JobStatusService],
})
export class StatusModule {}
