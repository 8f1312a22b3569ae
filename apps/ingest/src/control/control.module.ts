import { Module } from '@nestjs/common';
import { SequenceClock } from '@modelstream/contracts';
import { HistoryModule } from '../projections/history/history.module';
import { StatusModule } from '../projections/status/status.module';
import { UploadModule } from '../upload/upload.module';
import { BulkCancelService } from './bulk-cancel.service';
import { TrainingCancelService } from './training-cancel.service';
import { TrainingControlController } from './training-control.controller';

/** Steering jobs: cancel requests on the training-control topic, one job or many. */
@Module({
  imports: [StatusModule, UploadModule, HistoryModule],
  controllers: [TrainingControlController],
  providers: [TrainingCancelService, BulkCancelService, { provide: SequenceClock, useValue: new SequenceClock() }],
})
export class ControlModule {}
