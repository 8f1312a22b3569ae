/** Downloads a registered version's artifacts through MLflow and loads them with libs/ml's bundle loader. */
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DependencyUnavailableError, DomainError, NotFoundError } from '@modelstream/contracts';
import { initBackend, initBackendChoice, loadBundle } from '@modelstream/ml';
import { isMlflowNotFound, MlflowClient } from '@modelstream/mlflow';
import type { ResolvedModel } from './model-resolver';
import { ServedModel } from './served-model';

@Injectable()
export class ModelLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger(ModelLoader.name);

  constructor(private readonly mlflow: MlflowClient) {}

  /** The backend is chosen at start-up, so a required one that is missing (TFJS_BACKEND) stops the app here. */
  async onApplicationBootstrap(): Promise<void> {
    const { backend, skipped } = await initBackendChoice();
    for (const s of skipped)
      this.logger.warn({ backend: s.backend, reason: s.reason, msg: `TF.js backend ${s.backend} unavailable, falling back` });
    this.logger.log({ backend, msg: 'TF.js backend ready' });
  }

  async load(resolved: ResolvedModel): Promise<ServedModel> {
    await initBackend();
    const started = Date.now();
    try {
      // `source` is the version's model directory (`<run artifacts>/model`); the bundle's files are under it.
      const bundle = await loadBundle((path) => this.mlflow.downloadArtifact(resolved.source, path));
      const model = new ServedModel(resolved, bundle);
      this.logger.log({
        msg: 'model loaded',
        model: `${resolved.name}/${resolved.version}`,
        bytes: model.bytes,
        ms: Date.now() - started,
      });
      return model;
    } catch (error) {
      if (error instanceof DependencyUnavailableError) throw error;
      if (isMlflowNotFound(error)) {
        throw new NotFoundError(
          `Model version ${resolved.name}/${resolved.version} has no loadable artifacts at ${resolved.source} (was it registered by modelstream?).`,
        );
      }
      throw new ModelLoadError(`Model version ${resolved.name}/${resolved.version} could not be loaded: ${(error as Error).message}`);
    }
  }
}

/** The artifacts exist but are not a modelstream model (e.g. another flavor registered under the name). */
export class ModelLoadError extends DomainError {
  readonly status = 422;
}
