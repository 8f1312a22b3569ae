/**
 * Runs one training job from its TrainingRequested event to a final event. The pipeline, in order:
 *
 *   command   buildTrainingCommand   the request parsed and validated once (bad settings fail the job)
 *   attempt   JobAttempts.open       cancelled while queued? already ended (redelivery: replay)? else attempt n
 *   1 load    LoadDatasetStep        CSV chunks from the object store → table
 *   2 prepare PrepareDatasetStep     column roles, split, preprocessing; TrainingStarted
 *   3 fit     FitModelStep           the family's model, trained in a fit worker process with per-epoch progress
 *   4 evaluate EvaluateModelStep     validation metrics, result.json
 *   5 register RegisterModelStep     model artifacts, a registered version; TrainingCompleted
 *
 * A step that throws ends the attempt through JobAttempts.end: bad data fails the job with the reason, a
 * cancel cancels it, and a shutdown (JobInterruptedError) or a dependency that is down
 * (DependencyUnavailableError) is thrown to the consumer, which retries or hands the request back.
 */
import { Injectable, Logger } from '@nestjs/common';
import { ownerOf } from '@modelstream/contracts';
import { errorMessage } from '@modelstream/kafka';
import { fitBackend, tf, TrainedModel, TrainingStage } from '@modelstream/ml';
import { CancellationRegistry } from '../control/cancellation.registry';
import { TrainerMetrics } from '../metrics/trainer-metrics';
import { TrainerInstance } from '../trainer-instance';
import { JobAttempts, JobOutcome } from './attempts/job-attempts.service';
import { JobContext, jobStop } from './attempts/job-stop';
import { FitWorkerPool } from './fit-worker/fit-worker.pool';
import { MlflowRunRecorder } from './mlflow-run.recorder';
import { EvaluateModelStep } from './steps/evaluate-model.step';
import { FitModelStep } from './steps/fit-model.step';
import type { JobRun } from './steps/job-run';
import { LoadDatasetStep } from './steps/load-dataset.step';
import { PrepareDatasetStep } from './steps/prepare-dataset.step';
import { RegisterModelStep } from './steps/register-model.step';
import { buildTrainingCommand, TrainingCommand, TrainingRequestedEvent } from './training-command';

export { JobInterruptedError, type JobContext } from './attempts/job-stop';
export type { JobOutcome } from './attempts/job-attempts.service';
export type { TrainingRequestedEvent } from './training-command';

@Injectable()
export class TrainingJobService {
  private readonly logger = new Logger(TrainingJobService.name);

  constructor(
    private readonly attempts: JobAttempts,
    private readonly runs: MlflowRunRecorder,
    private readonly cancels: CancellationRegistry,
    private readonly instance: TrainerInstance,
    private readonly metrics: TrainerMetrics,
    private readonly load: LoadDatasetStep,
    private readonly prepare: PrepareDatasetStep,
    private readonly fit: FitModelStep,
    private readonly evaluate: EvaluateModelStep,
    private readonly register: RegisterModelStep,
    private readonly workers: FitWorkerPool,
  ) {}

  async run(event: TrainingRequestedEvent, ctx: JobContext): Promise<JobOutcome> {
    this.metrics.setBusy(true);
    try {
      const outcome = await this.runJob(event, ctx);
      this.metrics.jobFinished(outcome);
      return outcome;
    } finally {
      this.metrics.setBusy(false);
    }
  }

  private async runJob(event: TrainingRequestedEvent, ctx: JobContext): Promise<JobOutcome> {
    let command: TrainingCommand;
    try {
      command = buildTrainingCommand(event);
    } catch (error) {
      return this.attempts.fail(
        { trackingId: event.trackingId, ownerId: ownerOf(event.ownerId) },
        `The training settings are invalid: ${errorMessage(error)}`,
        'loading',
        null,
      );
    }
    const opened = await this.attempts.open(command);
    if (opened.kind === 'ended') return opened.outcome;
    const job = await this.startAttempt(command, opened.experimentId, opened.attempt, ctx);

    let stage: TrainingStage = 'loading';
    let fittedModel: TrainedModel | undefined;
    try {
      const loaded = await this.load.run(job);
      stage = 'preprocessing';
      const prepared = await this.prepare.run(job, loaded);
      stage = 'training';
      const fitted = await this.fit.run(job, prepared);
      fittedModel = fitted.model;
      stage = 'evaluating';
      const evaluated = await this.evaluate.run(job, loaded, prepared, fitted);
      stage = 'registering';
      const { modelId } = await this.register.run(job, loaded, prepared, fitted, evaluated);
      this.logger.log({
        trackingId: command.trackingId,
        modelId,
        metrics: evaluated.evaluation.metrics,
        trainingSeconds: fitted.trainingSeconds,
        workerPeakRssMb: evaluated.result.workerPeakRssMb,
        msg: 'training completed',
      });
      return 'completed';
    } catch (error) {
      return await this.attempts.end(command, job.run, error, stage);
    } finally {
      fittedModel?.dispose();
      this.logger.debug({ trackingId: command.trackingId, tensors: tf.memory().numTensors, msg: 'tensors after job' });
    }
  }

  private async startAttempt(command: TrainingCommand, experimentId: string, attempt: number, ctx: JobContext): Promise<JobRun> {
    // What will compute the fit on the fit worker's backend (a worker that cannot start hands the request back first).
    const backend = fitBackend(command.modelType, command.params, await this.workers.backend(ctx.heartbeat));
    const run = await this.runs.startRun(experimentId, {
      modelName: command.modelName,
      modelType: command.modelType,
      trackingId: command.trackingId,
      attempt,
      instanceId: this.instance.id,
      backend,
      datasetSha256: command.dataset.sha256,
      filename: command.filename,
    });
    this.logger.log({ trackingId: command.trackingId, runId: run.id, attempt, backend, msg: 'training started' });
    const stop = jobStop(command.trackingId, ctx, this.cancels);
    return { command, attempt, backend, instanceId: this.instance.id, run, stop, startedAt: Date.now() };
  }
}
