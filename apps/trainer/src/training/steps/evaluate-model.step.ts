/** Step 4, evaluate: the validation metrics of the fitted model, logged to MLflow with the job's result.json. */
import { Injectable } from '@nestjs/common';
import { ColumnRole, Evaluation, evaluateModel, PreparedDataset } from '@modelstream/ml';
import type { LoadedDataset } from '../dataset.reader';
import { TrainingEventsPublisher } from '../training-events.publisher';
import type { FittedModel } from './fit-model.step';
import type { JobRun } from './job-run';
import { stageProgress } from './training-progress';

/** What a completed job reports beyond its metrics: TrainingCompleted's resultJson and the run's result.json. */
export interface TrainingResult {
  metrics: Record<string, number>;
  classes?: string[];
  confusionMatrix?: number[][];
  rows: PreparedDataset['rows'];
  epochsRun: number;
  stoppedEarly: boolean;
  trainingSeconds: number;
  rowsPerSecond: number;
  durationMs: number;
  backend: string;
  /** The fit worker's peak resident memory. */
  workerPeakRssMb: number;
  attempt: number;
  datasetSha256: string;
  columns: ColumnRole[];
}

export interface EvaluatedModel {
  evaluation: Evaluation;
  result: TrainingResult;
}

@Injectable()
export class EvaluateModelStep {
  constructor(private readonly events: TrainingEventsPublisher) {}

  async run(job: JobRun, loaded: LoadedDataset, prepared: PreparedDataset, fitted: FittedModel): Promise<EvaluatedModel> {
    await this.events.progress(job.command, stageProgress('evaluating'));
    const evaluation = evaluateModel(fitted.model, prepared);
    await job.run.logMetrics(evaluation.metrics);
    const result = trainingResult(job, loaded, prepared, fitted, evaluation, Date.now());
    await job.run.uploadJson('result.json', result);
    await job.stop.checkpoint();
    return { evaluation, result };
  }
}

export function trainingResult(
  job: Pick<JobRun, 'attempt' | 'startedAt'>,
  loaded: Pick<LoadedDataset, 'sha256'>,
  prepared: Pick<PreparedDataset, 'rows' | 'columns'>,
  fitted: Pick<FittedModel, 'outcome' | 'trainingSeconds' | 'backend' | 'peakRssBytes'>,
  evaluation: Evaluation,
  now: number,
): TrainingResult {
  return {
    metrics: evaluation.metrics,
    classes: evaluation.classes,
    confusionMatrix: evaluation.confusionMatrix,
    rows: prepared.rows,
    epochsRun: fitted.outcome.epochsRun,
    stoppedEarly: fitted.outcome.stoppedEarly,
    trainingSeconds: fitted.trainingSeconds,
    rowsPerSecond: (prepared.rows.train * fitted.outcome.epochsRun) / fitted.trainingSeconds,
    durationMs: now - job.startedAt,
    backend: fitted.backend,
    workerPeakRssMb: Math.round(fitted.peakRssBytes / (1024 * 1024)),
    attempt: job.attempt,
    datasetSha256: loaded.sha256,
    columns: prepared.columns,
  };
}
