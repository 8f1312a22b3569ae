/**
 * Reads what a registered version's artifacts say about its inputs and output without loading the model:
 * MLmodel (where the preprocessing is), preprocessing.json (kinds, training levels, classes) and the run's
 * columns.json (the trainer's column profile: missing counts) — a few KB, where loading would download
 * the weights and build the TF.js model in the serving cache. A version never changes, so its signature
 * is kept (the last MAX_KEPT versions asked).
 */
import { Injectable } from '@nestjs/common';
import { DependencyUnavailableError, NotFoundError } from '@modelstream/contracts';
import { type ColumnRole, parseFlavor, type PreprocessingJSON, Preprocessor } from '@modelstream/ml';
import { isMlflowNotFound, MlflowClient } from '@modelstream/mlflow';
import { ModelLoadError } from './model-loader';
import { signatureView, type SignatureView } from './model-signature';

const MAX_KEPT = 500;

export interface VersionArtifacts {
  name: string;
  version: string;
  /** The version's model directory (`<run artifacts>/model`). */
  source: string;
  /** The run's artifact root, where the trainer wrote columns.json. */
  runArtifactUri?: string;
}

export interface VersionSignature {
  problemType: 'classification' | 'regression';
  target: string;
  signature: SignatureView;
}

@Injectable()
export class ModelArtifactsReader {
  private readonly kept = new Map<string, VersionSignature>();

  constructor(private readonly mlflow: MlflowClient) {}

  async signature(v: VersionArtifacts): Promise<VersionSignature> {
    const key = `${v.name}/${v.version}`;
    const known = this.kept.get(key);
    if (known) return known;
    const [spec, columns] = await Promise.all([this.preprocessing(v), this.columns(v.runArtifactUri)]);
    const found: VersionSignature = { problemType: spec.problemType, target: spec.target, signature: signatureView(spec, columns) };
    this.kept.set(key, found);
    if (this.kept.size > MAX_KEPT) this.kept.delete(this.kept.keys().next().value!);
    return found;
  }

  private async preprocessing(v: VersionArtifacts): Promise<PreprocessingJSON> {
    try {
      const mlmodel = (await this.mlflow.downloadArtifact(v.source, 'MLmodel')).toString('utf8');
      const path = parseFlavor(mlmodel).preprocessing ?? 'preprocessing.json';
      const text = (await this.mlflow.downloadArtifact(v.source, path)).toString('utf8');
      return Preprocessor.fromJSON(text).spec;
    } catch (error) {
      if (error instanceof DependencyUnavailableError) throw error;
      if (isMlflowNotFound(error)) {
        throw new NotFoundError(
          `Model version ${v.name}/${v.version} has no modelstream artifacts at ${v.source} (was it registered by modelstream?).`,
          { name: v.name, version: v.version },
        );
      }
      throw new ModelLoadError(`The signature of model version ${v.name}/${v.version} could not be read: ${(error as Error).message}`);
    }
  }

  /** The column profile, or undefined when the run is gone or predates it. */
  private async columns(runArtifactUri: string | undefined): Promise<ColumnRole[] | undefined> {
    if (!runArtifactUri) return undefined;
    try {
      const body = JSON.parse((await this.mlflow.downloadArtifact(runArtifactUri, 'columns.json')).toString('utf8')) as {
        columns?: ColumnRole[];
      };
      return Array.isArray(body.columns) ? body.columns : undefined;
    } catch (error) {
      if (isMlflowNotFound(error) || error instanceof SyntaxError) return undefined;
      throw error;
    }
  }
}
