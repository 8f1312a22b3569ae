/**
 * Step 3, fit: builds the family's TF.js model and trains it on the training split, reporting each
 * epoch (MLflow metrics, a progress event) and stopping between batches on a cancel or a shutdown.
 */
import { Injectable } from '@nestjs/common';
import {
  buildModel,
  DatasetError,
  EpochLog,
  ModelShape,
  PreparedDataset,
  tf,
  TrainOptions,
  TrainOutcome,
  trainModel,
} from '@modelstream/ml';
import { TrainerMetrics } from '../../metrics/trainer-metrics';
import type { TrainingCommand } from '../training-command';
import { TrainingEventsPublisher } from '../training-events.publisher';
import type { JobRun } from './job-run';
import { epochProgress } from './training-progress';

export interface FittedModel {
  /** Owned by the caller from here on: dispose it when done. */
  model: tf.LayersModel;
  outcome: TrainOutcome;
  trainingSeconds: number;
}

@Injectable()
export class FitModelStep {
  constructor(
    private readonly events: TrainingEventsPublisher,
    private readonly metrics: TrainerMetrics,
  ) {}

  async run(job: JobRun, prepared: PreparedDataset): Promise<FittedModel> {
    const { command, run, stop } = job;
    const built = buildModel(command.modelType, command.params, modelShape(command, prepared), prepared.rows.train);
    try {
      const started = performance.now();
      const outcome = await trainModel(built.model, prepared.data, trainOptions(command, built.l2), {
        onTick: stop.heartbeat,
        stopReason: stop.reason,
        onEpochEnd: async (epoch: EpochLog) => {
          this.metrics.epochDone(epoch.rowsPerSecond);
          await run.logEpoch(epoch.epoch, { loss: epoch.loss, ...epoch.metrics, rows_per_second: epoch.rowsPerSecond });
          await this.events.progress(command.trackingId, epochProgress(epoch));
          await stop.heartbeat();
        },
      });
      stop.throwIfStopped(outcome.cancelled);
      checkConverged(outcome);
      return { model: built.model, outcome, trainingSeconds: (performance.now() - started) / 1000 };
    } catch (error) {
      built.model.dispose();
      throw error;
    }
  }
}

/** Inputs after encoding; one output for regression and binary classification, one per class otherwise. */
export function modelShape(command: TrainingCommand, prepared: PreparedDataset): ModelShape {
  const classes = prepared.data.classes ?? 0;
  return { inputDim: prepared.data.inputDim, outputUnits: classes > 2 ? classes : 1, problemType: command.problemType };
}

export function trainOptions(command: TrainingCommand, l2: number): TrainOptions {
  const { epochs, batchSize, learningRate, seed, earlyStoppingPatience } = command.schedule;
  return { epochs, batchSize, learningRate, seed, earlyStoppingPatience, l2 };
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
