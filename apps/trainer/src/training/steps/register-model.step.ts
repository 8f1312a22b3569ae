/**
 * Step 5, register: saves the model with its preprocessing as the run's `model/` artifacts, registers
 * them as a new version of the model name, closes the run and announces the job completed with the
 * version's `models:/` URI (what inference takes).
 */
import { Injectable } from '@nestjs/common';
import { modelUri } from '@modelstream/contracts';
import { inputExample, newBundleMeta, PreparedDataset } from '@modelstream/ml';
import type { LoadedDataset } from '../dataset.reader';
import { MlflowRunRecorder, TAGS } from '../mlflow-run.recorder';
import { TrainingEventsPublisher } from '../training-events.publisher';
import type { EvaluatedModel } from './evaluate-model.step';
import type { FittedModel } from './fit-model.step';
import type { JobRun } from './job-run';
import { finiteOnly, stageProgress } from './training-progress';

export interface RegisteredModel {
  modelVersion: string;
  modelId: string;
}

@Injectable()
export class RegisterModelStep {
  constructor(
    private readonly events: TrainingEventsPublisher,
    private readonly runs: MlflowRunRecorder,
  ) {}

  async run(
    job: JobRun,
    loaded: LoadedDataset,
    prepared: PreparedDataset,
    fitted: FittedModel,
    evaluated: EvaluatedModel,
  ): Promise<RegisteredModel> {
    const { command, run } = job;
    await this.events.progress(command, stageProgress('registering'));
    const bundle = {
      model: fitted.model,
      preprocessor: prepared.preprocessor,
      meta: newBundleMeta({ modelType: command.modelType, problemType: command.problemType, backend: fitted.backend, runId: run.id }),
    };
    await run.saveModel(bundle, inputExample(loaded.table, prepared));
    const version = await this.runs.register(command.modelName, run, { [TAGS.trackingId]: command.trackingId }, command.ownerId);
    const modelId = modelUri(command.modelName, version.version);
    await run.finish('FINISHED', 'completed', { [TAGS.modelVersion]: version.version, [TAGS.modelId]: modelId });
    await this.events.completed(command, {
      metrics: finiteOnly(evaluated.evaluation.metrics),
      resultJson: JSON.stringify(evaluated.result),
      mlflowRunId: run.id,
      modelName: command.modelName,
      modelVersion: version.version,
      modelId,
    });
    return { modelVersion: version.version, modelId };
  }
}
