import { DatasetError } from '@modelstream/ml';
import {
  exitFailure,
  exitReason,
  failureError,
  FitWorkerFailedError,
  MAX_FIT_TRIES,
  memoryAdvice,
  reportedFailure,
  shouldRetry,
} from './fit-failure';
import { toWireError } from './fit-protocol';

const MB = 1024 * 1024;

describe('what a failed fit becomes', () => {
  it('keeps a data error of the worker as the job’s own words and stage, never retried', () => {
    const failure = reportedFailure(toWireError(new DatasetError('The target has a single class.', 'preprocessing')));
    expect(failure).toEqual({ kind: 'data', message: 'The target has a single class.', stage: 'preprocessing' });
    expect(shouldRetry(failure, 1)).toBe(false);
    const error = failureError(failure, 'logistic_regression', 1);
    expect(error).toBeInstanceOf(DatasetError);
    expect(error).toMatchObject({ message: 'The target has a single class.', stage: 'preprocessing' });
  });

  it('fails a job over the memory ceiling at once, saying what to lower for its family', () => {
    const failure = { kind: 'memory' as const, limitBytes: 512 * MB, peakBytes: 530 * MB };
    expect(shouldRetry(failure, 1)).toBe(false);
    const error = failureError(failure, 'mlp_classifier', 1);
    expect(error).toBeInstanceOf(DatasetError);
    expect(error).toMatchObject({ stage: 'training' });
    expect(error.message).toBe(
      'The model needed more than 512 MB of memory while training (the limit of one training job), so the training was stopped. ' +
        'Use fewer or narrower hiddenLayers, or a smaller batchSize, or train on fewer rows or columns.',
    );
    expect(memoryAdvice('random_forest_regressor')).toMatch(/fewer trees, a smaller maxDepth/);
    expect(memoryAdvice('linear_regression')).toMatch(/solver "adam" with a smaller batchSize/);
  });

  it('fails a job past the time limit at once, saying what to lower for its family', () => {
    const failure = { kind: 'time' as const, limitMs: 7_200_000 };
    expect(shouldRetry(failure, 1)).toBe(false);
    const error = failureError(failure, 'mlp_regressor', 1);
    expect(error).toMatchObject({ stage: 'training' });
    expect(error.message).toBe(
      'The training ran for more than 120 minutes (the limit of one training job), so it was stopped. ' +
        'Use fewer epochs, fewer or narrower hiddenLayers, a larger batchSize, or train on fewer rows.',
    );
    expect(failureError({ kind: 'time', limitMs: 30_000 }, 'random_forest_classifier', 1).message).toMatch(
      /more than 30 seconds.*fewer trees/,
    );
  });

  it(`retries a backend failure on a fresh worker up to ${MAX_FIT_TRIES} tries, then fails as an internal error`, () => {
    const failure = reportedFailure(toWireError(new Error('Invalid TF_Status: 13')));
    expect(failure).toEqual({ kind: 'backend', reason: 'Invalid TF_Status: 13' });
    expect([1, 2, 3].map((tries) => shouldRetry(failure, tries))).toEqual([true, true, false]);
    const error = failureError(failure, 'mlp_regressor', 3);
    expect(error).toBeInstanceOf(FitWorkerFailedError);
    expect(error.message).toBe('the training worker failed 3 times in a row, a fresh one each time; the last time: Invalid TF_Status: 13');
  });

  it('turns a backend that ran out of memory on every try into advice instead of an internal error', () => {
    const error = failureError({ kind: 'backend', reason: 'RuntimeError: memory access out of bounds' }, 'mlp_classifier', 3);
    expect(error).toBeInstanceOf(DatasetError);
    expect(error.message).toMatch(
      /^The training ran out of memory 3 times in a row \(RuntimeError: memory access out of bounds\)\. Use fewer/,
    );
  });

  it('says how a worker ended, with the cause it wrote to stderr', () => {
    const v8 = [
      '<--- Last few GCs --->',
      'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
      ' 1: 0xb7a940 node::Abort() [node]',
      '',
    ].join('\n');
    expect(exitReason(134, null, v8)).toBe(
      'exited with code 134 (FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory)',
    );
    expect(exitReason(null, 'SIGSEGV', '')).toBe('was killed by SIGSEGV');
    const missing = "Error: Cannot find module '/x.js'\n    at Module._resolveFilename\n\nNode.js v24.21.0\n";
    expect(exitReason(1, null, missing)).toBe("exited with code 1 (Error: Cannot find module '/x.js')");
    expect(exitFailure(null, 'SIGKILL', '')).toEqual({ kind: 'backend', reason: 'the training worker was killed by SIGKILL' });
  });
});
