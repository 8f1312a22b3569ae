/**
 * What a sweep may rank by: the validation metrics, the problem type that has each, which way is better, and
 * the most trainings one sweep may start. The ingest API enforces them (apps/ingest/src/sweeps/sweep-plan.ts);
 * the portal's sweep form offers and checks the same. Pure: no imports at runtime, so the browser bundles it.
 */
import type { ProblemType } from './generated/events';

export type Direction = 'max' | 'min';

export const SWEEP_METRICS: Readonly<Record<string, { problemType: ProblemType; direction: Direction }>> = {
  accuracy: { problemType: 'classification', direction: 'max' },
  f1: { problemType: 'classification', direction: 'max' },
  precision: { problemType: 'classification', direction: 'max' },
  recall: { problemType: 'classification', direction: 'max' },
  roc_auc: { problemType: 'classification', direction: 'max' },
  log_loss: { problemType: 'classification', direction: 'min' },
  r2: { problemType: 'regression', direction: 'max' },
  rmse: { problemType: 'regression', direction: 'min' },
  mae: { problemType: 'regression', direction: 'min' },
};

/** At most this many trainings per sweep. */
export const MAX_COMBINATIONS = 64;

/** The metrics a sweep over `problemType` families may rank by. */
export function metricsFor(problemType: ProblemType): string[] {
  return Object.keys(SWEEP_METRICS).filter((m) => SWEEP_METRICS[m].problemType === problemType);
}
