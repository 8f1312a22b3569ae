/**
 * What to do with a request, given the MLflow runs earlier deliveries of the same job left (pure):
 * replay the outcome of a run that already ended, give up after too many interrupted attempts, or start
 * the next attempt (taking over runs a dead trainer left RUNNING).
 */
import { modelUri, TrainingCancelled, TrainingCompleted, TrainingFailed } from '@modelstream/contracts';
import type { MlflowRun } from '@modelstream/mlflow';
import { TAGS, tagOf } from '../mlflow-run.recorder';

/** Runs interrupted (trainer died or stopped) this many times fail the job instead of trying again. */
export const MAX_ATTEMPTS = 4;

/** The metrics a completed run's final event carries (the per-epoch ones stay in MLflow). */
const FINAL_METRICS = ['accuracy', 'precision', 'recall', 'f1', 'log_loss', 'roc_auc', 'mae', 'rmse', 'r2'];

/** The final event of a run that ended; a completed one still needs its result.json. */
export type EndedRun =
  | { outcome: 'completed'; runId: string; event: Omit<TrainingCompleted, 'resultJson'> }
  | { outcome: 'failed'; runId: string; event: TrainingFailed }
  | { outcome: 'cancelled'; runId: string; event: TrainingCancelled };

export type AttemptPlan =
  | { kind: 'replay'; run: MlflowRun; ended: EndedRun }
  | { kind: 'give-up'; interrupted: number; firstRunId: string | null }
  | { kind: 'start'; attempt: number };

export function planAttempt(previous: readonly MlflowRun[], modelName: string, maxAttempts = MAX_ATTEMPTS): AttemptPlan {
  for (const run of previous) {
    const ended = endedRun(run, modelName);
    if (ended) return { kind: 'replay', run, ended };
  }
  const attempt = previous.length + 1;
  if (attempt > maxAttempts) return { kind: 'give-up', interrupted: previous.length, firstRunId: previous[0]?.info.run_id ?? null };
  return { kind: 'start', attempt };
}

/** The runs a trainer that died left RUNNING: the new attempt marks them interrupted. */
export function abandonedRuns(previous: readonly MlflowRun[]): MlflowRun[] {
  return previous.filter((r) => r.info.status === 'RUNNING');
}

export function interruptedTooOften(interrupted: number): string {
  return `The training was interrupted ${interrupted} times before it could finish (its trainer stopped or crashed each time, e.g. out of memory). Try a smaller file or a smaller model, or start it again later.`;
}

/** The outcome a run ended with, as its final event again; null while it is not ended (or interrupted). */
export function endedRun(run: MlflowRun, modelName: string): EndedRun | null {
  const runId = run.info.run_id;
  switch (tagOf(run, TAGS.outcome)) {
    case 'completed': {
      const version = tagOf(run, TAGS.modelVersion) ?? '';
      const metrics = Object.fromEntries(
        (run.data.metrics ?? []).filter((m) => FINAL_METRICS.includes(m.key)).map((m) => [m.key, m.value]),
      );
      return {
        outcome: 'completed',
        runId,
        event: { metrics, mlflowRunId: runId, modelName, modelVersion: version, modelId: modelUri(modelName, version) },
      };
    }
    case 'failed':
      return {
        outcome: 'failed',
        runId,
        event: { error: tagOf(run, TAGS.error) ?? 'The training failed.', stage: tagOf(run, TAGS.stage) ?? 'training', mlflowRunId: runId },
      };
    case 'cancelled':
      return { outcome: 'cancelled', runId, event: { reason: tagOf(run, TAGS.cancelReason) ?? '', stage: tagOf(run, TAGS.stage) ?? '' } };
    default:
      return null;
  }
}
