/**
 * How an attempt that threw ends (pure): a cancel ends the job as cancelled; a shutdown or a dependency
 * that is down hands the request back (not the job's fault: a retry or another instance takes it over);
 * anything else fails the job — with the error's own words when the user can fix it (bad data or
 * settings), else as an internal error to retry or report.
 */
import { DependencyUnavailableError, InvalidInputError } from '@modelstream/contracts';
import { errorMessage } from '@modelstream/kafka';
import { DatasetError, TrainingStage } from '@modelstream/ml';
import { JobCancelledError, JobInterruptedError } from './job-stop';

export type AttemptEnding =
  | { kind: 'cancelled'; reason: string; stage: TrainingStage }
  | { kind: 'handed-back'; error: Error; stage: TrainingStage }
  | { kind: 'failed'; message: string; stage: TrainingStage; internal: boolean };

export function attemptEnding(error: unknown, stage: TrainingStage): AttemptEnding {
  if (error instanceof JobCancelledError) return { kind: 'cancelled', reason: error.message, stage };
  if (error instanceof JobInterruptedError || error instanceof DependencyUnavailableError) return { kind: 'handed-back', error, stage };
  if (error instanceof InvalidInputError) {
    return { kind: 'failed', message: error.message, stage: error instanceof DatasetError ? error.stage : stage, internal: false };
  }
  return {
    kind: 'failed',
    message: `Internal error while ${stage}: ${errorMessage(error)}. Retry the training; if it fails again, report it with the trackingId.`,
    stage,
    internal: true,
  };
}
