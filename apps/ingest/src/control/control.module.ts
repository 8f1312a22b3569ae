import { Module } from '@nestjs/common';
import { SequenceClock } from '@modelstream/contracts';
import { StatusModule } from '../projections/status/status.module';
import { UploadModule } from '../upload/upload.module';
import { TrainingCancelService } from './training-cancel.service';
import { TrainingControlController } from './training-control.controller';

/** Steering jobs: cancel requests on the training-control topic. */
@Module({
  imports: [StatusModule, UploadModule],
  controllers: [TrainingControlController],
  providers: [TrainingCancelService, { provide: SequenceClock, useValue: new SequenceClock() }],
})
export class ControlModule {}
