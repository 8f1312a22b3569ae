/**
 * Step 2, prepare: infers the column roles, splits the rows with the seed and fits the preprocessing,
 * then records what it found (MLflow params, tags, columns.json) and announces the job as started.
 */
import { Injectable } from '@nestjs/common';
import { HyperParams } from '@modelstream/contracts';
import { PreparedDataset, prepareDataset } from '@modelstream/ml';
import type { LoadedDataset } from '../dataset.reader';
import { TAGS } from '../mlflow-run.recorder';
import type { TrainingCommand } from '../training-command';
import { TrainingEventsPublisher } from '../training-events.publisher';
import type { JobRun } from './job-run';
import { stageProgress } from './training-progress';

export interface ColumnsSummary {
  columns: PreparedDataset['columns'];
  rows: PreparedDataset['rows'];
  inputDim: number;
}

@Injectable()
export class PrepareDatasetStep {
  constructor(private readonly events: TrainingEventsPublisher) {}

  async run(job: JobRun, loaded: LoadedDataset): Promise<PreparedDataset> {
    const { command, run } = job;
    const prepared = prepareDataset(loaded.table, {
      target: command.target,
      problemType: command.problemType,
      validationSplit: command.schedule.validationSplit,
      seed: command.schedule.seed,
    });
    const columns = columnsSummary(prepared);
    await run.logParams(runParams(command, prepared));
    await run.logTags({ [TAGS.columns]: columnRoles(prepared), [TAGS.datasetSha256Read]: loaded.sha256 });
    await run.uploadJson('columns.json', columns);
    await this.events.started(command, {
      modelType: command.modelType,
      paramsJson: JSON.stringify(command.params),
      backend: job.backend,
      instanceId: job.instanceId,
      attempt: job.attempt,
      mlflowRunId: run.id,
      columnsJson: JSON.stringify(columns),
    });
    await this.events.progress(command, stageProgress('preprocessing'));
    await job.stop.checkpoint();
    return prepared;
  }
}

/** The run's params: the effective hyperparameters and what the data turned out to be. */
export function runParams(command: TrainingCommand, prepared: PreparedDataset): HyperParams {
  return {
    ...command.params,
    modelType: command.modelType,
    problemType: command.problemType,
    target: command.target,
    rows_train: prepared.rows.train,
    rows_validation: prepared.rows.validation,
    rows_dropped: prepared.rows.dropped,
    input_dim: prepared.data.inputDim,
    features: prepared.preprocessor.featureNames.join(','),
  };
}

/** The inferred columns and row counts: TrainingStarted's columnsJson and the run's columns.json. */
export function columnsSummary(prepared: PreparedDataset): ColumnsSummary {
  return { columns: prepared.columns, rows: prepared.rows, inputDim: prepared.data.inputDim };
}

/** `name:role, …`, the run's columns tag. */
export function columnRoles(prepared: PreparedDataset): string {
  return prepared.columns.map((c) => `${c.name}:${c.role}`).join(', ');
}
