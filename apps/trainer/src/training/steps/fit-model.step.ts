/**
 * Step 3, fit: trains the family's model in a fit worker (a child process of its own, given back after the
 * fit with all the memory it took) and rebuilds it here from the files the worker saved. Each epoch the
 * worker reports is logged here (MLflow metrics, a progress event). A cancel or a shutdown ends the worker
 * at once. A worker over the job's memory ceiling fails the job with what to lower; a worker that crashed
 * or whose backend broke is replaced and the fit tried again (fit-failure.ts).
 */
import { Injectable, Logger } from '@nestjs/common';
import { columnImportances, DatasetError, EpochLog, PreparedDataset, TrainedModel, TrainOptions, TrainOutcome } from '@modelstream/ml';
import { TrainerMetrics } from '../../metrics/trainer-metrics';
import { failureError, FitFailure, shouldRetry } from '../fit-worker/fit-failure';
import { savedModelOf, WireFitResult } from '../fit-worker/fit-protocol';
import type { FitRun } from '../fit-worker/fit-worker';
import { FitWorkerPool } from '../fit-worker/fit-worker.pool';
import { reloadModel } from '../fit-worker/reloaded-model';
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
  /** The fit worker's peak resident memory. */
  peakRssBytes: number;
}

const MB = 1024 * 1024;

@Injectable()
export class FitModelStep {
  private readonly logger = new Logger(FitModelStep.name);

  constructor(
    private readonly events: TrainingEventsPublisher,
    private readonly metrics: TrainerMetrics,
    private readonly workers: FitWorkerPool,
  ) {}

  async run(job: JobRun, prepared: PreparedDataset): Promise<FittedModel> {
    const { command, run, stop } = job;
    const request = { modelType: command.modelType, params: command.params, data: prepared.data, loop: loopOptions(command) };
    const hooks = {
      stopReason: stop.reason,
      heartbeat: stop.heartbeat,
      onEpoch: async (epoch: EpochLog) => {
        this.metrics.epochDone(epoch.rowsPerSecond);
        await run.logEpoch(epoch.epoch, { loss: epoch.loss, ...epoch.metrics, rows_per_second: epoch.rowsPerSecond });
        await this.events.progress(command, epochProgress(epoch));
      },
    };
    for (let tries = 1; ; tries++) {
      await stop.checkpoint();
      const worker = await this.workers.take(stop.heartbeat);
      const started = performance.now();
      const fit = await worker.fit(request, hooks, this.workers.limits);
      this.record(command.trackingId, fit, tries);
      if (fit.kind === 'done') return this.fitted(job, prepared, fit.result, fit.peakRssBytes, (performance.now() - started) / 1000);
      if (fit.kind === 'stopped') stop.throwIfStopped(fit.reason);
      else if (!shouldRetry(fit.failure, tries)) throw failureError(fit.failure, command.modelType, tries);
    }
  }

  private async fitted(
    job: JobRun,
    prepared: PreparedDataset,
    result: WireFitResult,
    peakRssBytes: number,
    trainingSeconds: number,
  ): Promise<FittedModel> {
    checkConverged(result.outcome);
    if (result.featureImportances) {
      await job.run.uploadJson('feature_importances.json', columnImportances(prepared.preprocessor, result.featureImportances));
    }
    const model = await reloadModel(result.format, savedModelOf(result));
    const { outcome, backend, featureImportances } = result;
    return { model, outcome, backend, featureImportances, trainingSeconds, peakRssBytes };
  }

  private record(trackingId: string, fit: FitRun, tries: number): void {
    const ending = fit.kind === 'failed' ? fit.failure.kind : fit.kind;
    this.metrics.fitEnded(ending, fit.peakRssBytes);
    const entry = { trackingId, try: tries, ending, peakRssMb: Math.round(fit.peakRssBytes / MB) };
    if (fit.kind !== 'failed') return this.logger.log({ ...entry, msg: 'fit worker finished' });
    const retry = shouldRetry(fit.failure, tries);
    this.logger.warn({
      ...entry,
      reason: describe(fit.failure),
      retry,
      msg: retry ? 'fit worker failed; trying again on a fresh one' : 'fit worker failed',
    });
  }
}

function describe(failure: FitFailure): string {
  switch (failure.kind) {
    case 'data':
      return failure.message;
    case 'memory':
      return `over the memory ceiling of ${Math.round(failure.limitBytes / MB)} MB`;
    case 'time':
      return `past the time limit of ${Math.round(failure.limitMs / 1000)} s`;
    case 'backend':
      return failure.reason;
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
