import { Module } from '@nestjs/common';
import { HistoryProjector } from './history.projector';
import { JobHistoryController } from './job-history.controller';
import { JobHistoryProjection } from './job-history.projection';
import { JobHistoryRepository } from './job-history.repository';
import { JobHistoryService } from './job-history.service';

/** The durable job history: its projector (Kafka → MariaDB) and its API. */
@Module({
  controllers: [JobHistoryController],
  providers: [JobHistoryRepository, JobHistoryProjection, JobHistoryService, HistoryProjector],
  exports: [JobHistoryRepository, JobHistoryProjection],
})
export class HistoryModule {}
