import { Module } from '@nestjs/common';
import { HistoryModule } from '../../projections/history/history.module';
import { UploadModule } from '../../upload/upload.module';
import { AbandonedUploadSweeper } from './abandoned-upload.sweeper';
import { StaleJobWatchdog } from './stale-job.watchdog';

/** Fails jobs whose trainer went silent (TrainingFailed), and discards uploads abandoned before their last chunk (UploadAborted). */
@Module({
  imports: [HistoryModule, UploadModule],
  providers: [StaleJobWatchdog, AbandonedUploadSweeper],
  exports: [StaleJobWatchdog, AbandonedUploadSweeper],
})
export class WatchdogModule {}
