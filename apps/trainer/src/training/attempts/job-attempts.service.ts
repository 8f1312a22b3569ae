/**
 * The attempt and redelivery rules of a job. A request may arrive again: its trainer died, the app was
 * stopped mid-job, or the offset commit after its final event was lost. Before a job runs, `open` looks
 * at the MLflow runs earlier deliveries left and either ends it at once (cancelled while queued, already
 * ended: its outcome is published again without retraining, interrupted too often) or starts the next
 * attempt, taking over runs a dead trainer left RUNNING. `end` closes an attempt that threw.
 */
import { Injectable, Logger } from '@nestjs/common';
import { errorMessage } from '@modelstream/kafka';
import type { MlflowRun } from '@modelstream/mlflow';
import { TrainingStage } from '@modelstream/ml';
import { CancellationRegistry } from '../../control/cancellation.registry';
import { TrainerInstance } from '../../trainer-instance';
import { MlflowRunRecorder, TAGS, TrainingRun } from '../mlflow-run.recorder';
import type { JobRef, TrainingCommand } from '../training-command';
import { TrainingEventsPublisher } from '../training-events.publisher';
import { attemptEnding } from './attempt-ending';
import { abandonedRuns, EndedRun, interruptedTooOften, planAttempt } from './attempt-plan';

export type JobOutcome = 'completed' | 'failed' | 'cancelled';

/** The job ended without a new attempt, or the attempt to run. */
export type OpenedJob = { kind: 'ended'; outcome: JobOutcome } | { kind: 'attempt'; experimentId: string; attempt: number };

@Injectable()
export class JobAttempts {
  private readonly logger = new Logger(JobAttempts.name);

  constructor(
    private readonly runs: MlflowRunRecorder,
    private readonly events: TrainingEventsPublisher,
    private readonly cancels: CancellationRegistry,
    private readonly instance: TrainerInstance,
  ) {}

  async open(command: TrainingCommand): Promise<OpenedJob> {
    const { trackingId } = command;
    const queuedCancel = this.cancels.reasonFor(trackingId);
    if (queuedCancel) {
      await this.events.cancelled(command, { reason: queuedCancel, stage: 'queued' });
      this.logger.log({ trackingId, msg: 'job cancelled before it started' });
      return { kind: 'ended', outcome: 'cancelled' };
    }
    const experimentId = await this.runs.experimentFor(command.modelName);
    const previous = await this.runs.previousRuns(experimentId, trackingId);
    const plan = planAttempt(previous, command.modelName);
    if (plan.kind === 'replay') return { kind: 'ended', outcome: await this.replay(command, plan.run, plan.ended) };
    await this.runs.closeInterrupted(abandonedRuns(previous), this.instance.id);
    if (plan.kind === 'give-up') {
      return { kind: 'ended', outcome: await this.fail(command, interruptedTooOften(plan.interrupted), 'training', plan.firstRunId) };
    }
    return { kind: 'attempt', experimentId, attempt: plan.attempt };
  }

  /** Ends an attempt that threw: cancelled, failed, or (shutdown, dependency down) rethrown to hand the request back. */
  async end(job: JobRef, run: TrainingRun, error: unknown, stage: TrainingStage): Promise<JobOutcome> {
    const { trackingId } = job;
    const ending = attemptEnding(error, stage);
    switch (ending.kind) {
      case 'cancelled':
        await run.finish('KILLED', 'cancelled', { [TAGS.cancelReason]: ending.reason, [TAGS.stage]: stage });
        await this.events.cancelled(job, { reason: ending.reason, stage });
        this.logger.log({ trackingId, stage, msg: 'training cancelled' });
        return 'cancelled';
      case 'handed-back': {
        // The run counts as an attempt: a job interrupted MAX_ATTEMPTS times fails instead of looping.
        const err = errorMessage(ending.error);
        this.logger.warn({ trackingId, stage, err, msg: 'training interrupted; the request is handed back' });
        await run.finish('KILLED', 'interrupted', { [TAGS.error]: err, [TAGS.stage]: stage }).catch(() => undefined);
        throw ending.error;
      }
      case 'failed':
        if (ending.internal) {
          this.logger.error({ trackingId, stage, err: error instanceof Error ? error.stack : String(error), msg: 'training failed' });
        }
        await run
          .finish('FAILED', 'failed', { [TAGS.error]: ending.message, [TAGS.stage]: ending.stage })
          .catch((e: unknown) => this.logger.warn({ trackingId, err: errorMessage(e), msg: 'could not mark the MLflow run failed' }));
        return this.fail(job, ending.message, ending.stage, run.id);
      default: {
        const never: never = ending;
        throw new Error(`unhandled attempt ending ${JSON.stringify(never)}`);
      }
    }
  }

  /** Fails the job with a message for the user. */
  async fail(job: JobRef, error: string, stage: string, mlflowRunId: string | null): Promise<JobOutcome> {
    await this.events.failed(job, { error, stage, mlflowRunId });
    this.logger.warn({ trackingId: job.trackingId, stage, error, msg: 'training failed' });
    return 'failed';
  }

  /** A redelivered request whose job already ended (the commit was lost): publish its outcome again. */
  private async replay(job: JobRef, run: MlflowRun, ended: EndedRun): Promise<JobOutcome> {
    const { trackingId } = job;
    this.logger.log({ trackingId, runId: ended.runId, outcome: ended.outcome, msg: 'job already ended; publishing its outcome again' });
    switch (ended.outcome) {
      case 'completed': {
        const result = await this.runs.downloadJson<object>(run, 'result.json').catch(() => ({}));
        await this.events.completed(job, { ...ended.event, resultJson: JSON.stringify(result) });
        break;
      }
      case 'failed':
        await this.events.failed(job, ended.event);
        break;
      case 'cancelled':
        await this.events.cancelled(job, ended.event);
        break;
    }
    return ended.outcome;
  }
}
