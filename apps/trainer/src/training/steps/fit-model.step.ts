/**
 * Step 3, fit: builds the family's TF.js model and trains it on the training split, reporting each
 * epoch (MLflow metrics, a progress event) and stopping between batches on a cancel or a shutdown.
 */
import { Injectable } from '@nestjs/common';
import {
  columnImportances,
  DatasetError,
  EpochLog,
  fitFamily,
  PreparedDataset,
  TrainedModel,
  TrainOptions,
  TrainOutcome,
} from '@modelstream/ml';
import { TrainerMetrics } from '../../metrics/trainer-metrics';
import type { TrainingCommand } from '../training-command';
import { TrainingEventsPublisher } from '../training-events.publisher';
import type { JobRun } from './job-run';
import { epochProgress } from './training-progress';

export interface FittedModel {
  /** Owned by the caller from here on: dispose it when done. */
  model: TrainedModel;
  outcome: TrainOutcome;
  trainingSeconds: number;
  /** What computed the fit (the TF.js backend, or e.g. typescript-workers for forests). */
  backend: string;
  /** Per encoded input column (forests). */
  featureImportances?: Float64Array;
}

@Injectable()
export class FitModelStep {
  constructor(
    private readonly events: TrainingEventsPublisher,
    private readonly metrics: TrainerMetrics,
  ) {}

  async run(job: JobRun, prepared: PreparedDataset): Promise<FittedModel> {
    const { command, run, stop } = job;
    const started = performance.now();
    const fit = await fitFamily(command.modelType, command.params, prepared.data, loopOptions(command), {
      onTick: stop.heartbeat,
      stopReason: stop.reason,
      onEpochEnd: async (epoch: EpochLog) => {
        this.metrics.epochDone(epoch.rowsPerSecond);
        await run.logEpoch(epoch.epoch, { loss: epoch.loss, ...epoch.metrics, rows_per_second: epoch.rowsPerSecond });
        await this.events.progress(command.trackingId, epochProgress(epoch));
        await stop.heartbeat();
      },
    });
    try {
      stop.throwIfStopped(fit.outcome.cancelled);
      checkConverged(fit.outcome);
      if (fit.featureImportances) {
        await run.uploadJson('feature_importances.json', columnImportances(prepared.preprocessor, fit.featureImportances));
      }
      return { ...fit, trainingSeconds: (performance.now() - started) / 1000 };
    } catch (error) {
      fit.model.dispose();
      throw error;
    }
  }
}

export function loopOptions(command: TrainingCommand): Omit<TrainOptions, 'l2'> {
  const { epochs, batchSize, learningRate, seed, earlyStoppingPatience } = command.schedule;
  return { epochs, batchSize, learningRate, seed, earlyStoppingPatience };
}

/** A loss that became NaN or infinite leaves a useless model: the job fails with what to change. */
export function checkConverged(outcome: Pick<TrainOutcome, 'history'>): void {
  const lastLoss = outcome.history.at(-1)?.loss;
  if (lastLoss === undefined || !Number.isFinite(lastLoss)) {
    throw new DatasetError(
      'The training diverged (the loss became NaN or infinite). Lower learningRate, or check the data for extreme values.',
      'training',
    );
  }
}
