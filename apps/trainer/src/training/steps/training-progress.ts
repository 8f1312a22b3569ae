/**
 * The progress a job reports (pure): a fixed share per stage, and the training stage spread over the
 * epochs, so progress only grows and reaches 90 when the last epoch ends.
 */
import type { TrainingProgress } from '@modelstream/contracts';
import type { EpochLog, TrainingStage } from '@modelstream/ml';

const PROGRESS_AT = { loading: 2, preprocessing: 12, trainingStart: 15, trainingEnd: 90, evaluating: 92, registering: 96 } as const;

/** The progress event on entering a stage other than training (which reports per epoch). */
export function stageProgress(stage: Exclude<TrainingStage, 'training'>): TrainingProgress {
  return { stage, progress: PROGRESS_AT[stage], epoch: null, epochs: null, loss: null, metrics: {} };
}

/** The progress event at the end of an epoch. */
export function epochProgress(log: Pick<EpochLog, 'epoch' | 'epochs' | 'loss' | 'metrics'>): TrainingProgress {
  const span = PROGRESS_AT.trainingEnd - PROGRESS_AT.trainingStart;
  return {
    stage: 'training',
    progress: PROGRESS_AT.trainingStart + (span * log.epoch) / log.epochs,
    epoch: log.epoch,
    epochs: log.epochs,
    loss: Number.isFinite(log.loss) ? log.loss : null,
    metrics: finiteOnly(log.metrics),
  };
}

/** Avro doubles carry NaN, but consumers (and JSON) do not want it: events keep only finite metrics. */
export function finiteOnly(metrics: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(metrics).filter(([, v]) => Number.isFinite(v)));
}
