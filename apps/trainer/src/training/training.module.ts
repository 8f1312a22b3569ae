import { Module } from '@nestjs/common';
import { TopicsInitializer } from '@modelstream/kafka';
import { MetricsModule } from '@modelstream/platform';
import { CancellationRegistry } from '../control/cancellation.registry';
import { TrainingControlConsumer } from '../control/training-control.consumer';
import { TrainerMetrics } from '../metrics/trainer-metrics';
import { TrainerInstance } from '../trainer-instance';
import { DatasetReader } from './dataset.reader';
import { DeadLetterWriter } from './dead-letter.writer';
import { MlflowRunRecorder } from './mlflow-run.recorder';
import { TrainerRunner } from './trainer.runner';
import { TrainingEventsPublisher } from './training-events.publisher';
import { TrainingJobService } from './training-job.service';
import { TrainingRequestConsumer } from './training-request.consumer';

@Module({
  imports: [MetricsModule],
  providers: [
    TopicsInitializer,
    TrainerInstance,
    TrainerMetrics,
    CancellationRegistry,
    TrainingControlConsumer,
    TrainingEventsPublisher,
    DatasetReader,
    DeadLetterWriter,
    MlflowRunRecorder,
    TrainingJobService,
    TrainingRequestConsumer,
    TrainerRunner,
  ],
})
export class TrainingModule {}
