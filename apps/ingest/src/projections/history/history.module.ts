import { Module } from '@nestjs/common';
import { HistoryProjectorController } from './history-projector.controller';
import { JobHistoryController } from './job-history.controller';
import { JobHistoryProjection } from './job-history.projection';
import { JobHistoryRepository } from './job-history.repository';
import { JobHistoryService } from './job-history.service';
import { RedisRetryCounter } from './redis-retry-counter';

/** The durable job history: its projector (Kafka → MariaDB) and its API. */
@Module({
  controllers: [JobHistoryController, HistoryProjectorController],
  providers: [JobHistoryRepository, JobHistoryProjection, JobHistoryService, RedisRetryCounter],
  exports: [JobHistoryRepository, JobHistoryProjection],
})
export class HistoryModule {}
