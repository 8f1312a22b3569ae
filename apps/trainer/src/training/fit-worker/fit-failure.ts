/**
 * Why a fit in a worker did not end with a model, and what the trainer does about it (pure):
 *   data      the worker threw a DatasetError: the job fails with its words, no retry
 *   memory    the worker went over the per-job memory ceiling and was killed: the job fails, telling the
 *             user which settings to lower, no retry (the same request would need the same memory)
 *   time      the fit ran past the per-job time limit and was killed: the job fails, saying what to lower, no retry
 *   backend   anything else — the worker crashed or was killed by a signal, or the backend threw (TF
 *             internal error, "memory access out of bounds"): the worker is thrown away and the fit is
 *             tried again on a fresh one, up to MAX_FIT_TRIES times in all
 */
import { DatasetError, isLayersModelType } from '@modelstream/ml';
import type { ModelType } from '@modelstream/contracts';
import type { WireError } from './fit-protocol';

export type FitFailure =
  | { kind: 'data'; message: string; stage: DatasetError['stage'] }
  | { kind: 'memory'; limitBytes: number; peakBytes: number }
  | { kind: 'time'; limitMs: number }
  | { kind: 'backend'; reason: string };

/** Tries of one fit, each on a fresh worker, before a backend failure fails the job. */
export const MAX_FIT_TRIES = 3;

const MB = 1024 * 1024;

/** The failure a worker reported over the channel. */
export function reportedFailure(error: WireError): FitFailure {
  if (error.dataStage) return { kind: 'data', message: error.message, stage: error.dataStage };
  return { kind: 'backend', reason: error.message };
}

/** How a worker process ended, with what it last wrote to stderr about it (a crash names its cause there). */
export function exitReason(code: number | null, signal: NodeJS.Signals | null, stderrTail: string): string {
  const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
  const lines = stderrTail
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^Node\.js v\d/.test(l) && !l.startsWith('at '));
  const cause = lines.findLast((l) => /error|fatal|out of memory|out of bounds/i.test(l)) ?? lines.at(-1);
  return `${how}${cause ? ` (${cause.slice(0, 300)})` : ''}`;
}

/** A worker that exited before it answered (and was not killed by the trainer). */
export function exitFailure(code: number | null, signal: NodeJS.Signals | null, stderrTail: string): FitFailure {
  return { kind: 'backend', reason: `the training worker ${exitReason(code, signal, stderrTail)}` };
}

export function shouldRetry(failure: FitFailure, tries: number): boolean {
  return failure.kind === 'backend' && tries < MAX_FIT_TRIES;
}

/** Words of the backend, the runtime or the kernel that mean a worker ran out of memory. */
const OUT_OF_MEMORY = /out of memory|memory access out of bounds|allocation failed|cannot allocate|\bENOMEM\b/i;

/** The error a failed fit ends its job with (after the retries a backend failure gets). */
export function failureError(failure: FitFailure, modelType: ModelType, tries: number): Error {
  switch (failure.kind) {
    case 'data':
      return new DatasetError(failure.message, failure.stage);
    case 'memory':
      return new DatasetError(
        `The model needed more than ${Math.round(failure.limitBytes / MB)} MB of memory while training (the limit of one training job), so the training was stopped. ${memoryAdvice(modelType)}`,
        'training',
      );
    case 'time':
      return new DatasetError(
        `The training ran for more than ${minutes(failure.limitMs)} (the limit of one training job), so it was stopped. ${timeAdvice(modelType)}`,
        'training',
      );
    case 'backend':
      if (OUT_OF_MEMORY.test(failure.reason)) {
        return new DatasetError(
          `The training ran out of memory ${tries === 1 ? 'once' : `${tries} times in a row`} (${failure.reason}). ${memoryAdvice(modelType)}`,
          'training',
        );
      }
      return new FitWorkerFailedError(
        `the training worker failed ${tries === 1 ? 'once' : `${tries} times in a row, a fresh one each time`}; the last time: ${failure.reason}`,
      );
    default: {
      const never: never = failure;
      throw new Error(`unhandled fit failure ${JSON.stringify(never)}`);
    }
  }
}

const minutes = (ms: number) => (ms >= 120_000 ? `${Math.round(ms / 60_000)} minutes` : `${Math.round(ms / 1000)} seconds`);

/** What to lower so the training ends within the time limit, per family. */
export function timeAdvice(modelType: ModelType): string {
  if (modelType === 'mlp_classifier' || modelType === 'mlp_regressor') {
    return 'Use fewer epochs, fewer or narrower hiddenLayers, a larger batchSize, or train on fewer rows.';
  }
  if (!isLayersModelType(modelType)) return 'Use fewer trees or a smaller maxDepth, or train on fewer rows.';
  return 'Use fewer epochs or a larger batchSize, or train on fewer rows or columns.';
}

/** What to lower so the model fits in memory, per family. */
export function memoryAdvice(modelType: ModelType): string {
  if (modelType === 'mlp_classifier' || modelType === 'mlp_regressor') {
    return 'Use fewer or narrower hiddenLayers, or a smaller batchSize, or train on fewer rows or columns.';
  }
  if (!isLayersModelType(modelType)) return 'Use fewer trees, a smaller maxDepth or fewer bins, or train on fewer rows or columns.';
  return 'Use solver "adam" with a smaller batchSize, or train on fewer rows or columns.';
}

/** The fit failed on every try for a reason of the worker's own (not the data's): an internal error of the job. */
export class FitWorkerFailedError extends Error {
  override name = 'FitWorkerFailedError';
}
