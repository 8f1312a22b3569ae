import { Module } from '@nestjs/common';
import { HistoryModule } from '../../projections/history/history.module';
import { StaleJobWatchdog } from './stale-job.watchdog';

/** Fails jobs whose trainer went silent, by publishing TrainingFailed. */
@Module({ imports: [HistoryModule], providers: [StaleJobWatchdog], exports: [StaleJobWatchdog] })
export class WatchdogModule {}
