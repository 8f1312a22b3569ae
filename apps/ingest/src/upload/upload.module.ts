import { Module } from '@nestjs/common';
import { MetricsModule } from '@modelstream/platform';
import { DatasetsModule } from '../datasets/datasets.module';
import { HistoryModule } from '../projections/history/history.module';
import { StatusModule } from '../projections/status/status.module';
import { RecentChunkCache } from './recent-chunk.cache';
import { UploadChunkRepository } from './upload-chunk.repository';
import { UploadStateRepository } from './upload-state.repository';
import { UploadController } from './upload.controller';
import { UploadService } from './upload.service';

/** Chunked CSV upload: object store + upload-chunk events, and the training request at the last chunk. */
@Module({
  imports: [StatusModule, HistoryModule, DatasetsModule, MetricsModule],
  controllers: [UploadController],
  providers: [UploadService, UploadStateRepository, UploadChunkRepository, RecentChunkCache],
  exports: [UploadStateRepository, UploadService],
})
export class UploadModule {}
