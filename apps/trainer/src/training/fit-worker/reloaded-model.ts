/**
 * The model a worker fitted, rebuilt in the trainer from the files the worker saved — the same loaders
 * inference uses, so what is evaluated is what gets served. Saving it again hands back those very files
 * (the registered bytes are the worker's, not a second serialization). The trainer's own TF.js backend
 * loads here, with the first model it reads back.
 */
import { initBackend, loadTrainedModel, ModelFormat, RawOutput, SavedModel, TrainedModel } from '@modelstream/ml';

export async function reloadModel(format: ModelFormat, saved: SavedModel): Promise<TrainedModel> {
  await initBackend();
  const read = async (path: string) => {
    const file = saved.files[path];
    if (!file) throw new Error(`the worker's saved model has no file ${path}`);
    return file;
  };
  return new ReloadedModel(await loadTrainedModel(format, read, saved.modelPath), saved);
}

class ReloadedModel implements TrainedModel {
  constructor(
    private readonly model: TrainedModel,
    private readonly saved: SavedModel,
  ) {}

  get format(): ModelFormat {
    return this.model.format;
  }

  get sizeBytes(): number {
    return this.model.sizeBytes;
  }

  predictRaw(x: Float32Array, inputDim: number): RawOutput {
    return this.model.predictRaw(x, inputDim);
  }

  async save(): Promise<SavedModel> {
    return this.saved;
  }

  dispose(): void {
    this.model.dispose();
  }
}
