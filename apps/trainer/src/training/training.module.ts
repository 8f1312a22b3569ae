import { Module } from '@nestjs/common';
import { TopicsInitializer } from '@modelstream/kafka';
import { MetricsModule } from '@modelstream/platform';
import { CancellationRegistry } from '../control/cancellation.registry';
import { TrainingControlController } from '../control/training-control.controller';
import { TrainerMetrics } from '../metrics/trainer-metrics';
import { TrainerInstance } from '../trainer-instance';
import { JobAttempts } from './attempts/job-attempts.service';
import { DatasetReader } from './dataset.reader';
import { FitWorkerPool } from './fit-worker/fit-worker.pool';
import { JobFailureFilter } from './job-failure.filter';
import { MlflowRunRecorder } from './mlflow-run.recorder';
import { TrainerRunner } from './trainer.runner';
import { EvaluateModelStep } from './steps/evaluate-model.step';
import { FitModelStep } from './steps/fit-model.step';
import { LoadDatasetStep } from './steps/load-dataset.step';
import { PrepareDatasetStep } from './steps/prepare-dataset.step';
import { RegisterModelStep } from './steps/register-model.step';
import { TrainingEventsPublisher } from './training-events.publisher';
import { TrainingJobService } from './training-job.service';
import { TrainingRequestsController } from './training-requests.controller';

/** Training: the request and control consumer groups (Kafka event controllers) and the job they run. */
@Module({
  imports: [MetricsModule],
  controllers: [TrainingControlController, TrainingRequestsController],
  providers: [
    TopicsInitializer,
    TrainerInstance,
    TrainerMetrics,
    CancellationRegistry,
    TrainingEventsPublisher,
    DatasetReader,
    MlflowRunRecorder,
    JobAttempts,
    FitWorkerPool,
    LoadDatasetStep,
    PrepareDatasetStep,
    FitModelStep,
    EvaluateModelStep,
    RegisterModelStep,
    TrainingJobService,
    JobFailureFilter,
    TrainerRunner,
  ],
  exports: [FitWorkerPool],
})
export class TrainingModule {}
