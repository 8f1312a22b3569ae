/**
 * The model views the Models and Predict pages read. The list, alias and batch answers come from the SDK's
 * generated types; the model detail and the version signature (`GET /api/models/:name`, `…/versions/:version`,
 * `…/aliases/:alias`) are written here from the portal contract until openapi/inference.json carries them.
 */
import type { components } from '@sdk/generated/inference';
import type { BatchPrediction, ModelVersionView, RegisteredModelView } from '@sdk/types';

export type { AliasDeleted, AliasSet, ModelList, PredictResult, RowPrediction } from '@sdk/types';
export type { ModelVersionView, RegisteredModelView };
export type PreloadAnswer = components['schemas']['PreloadAnswer'];
export type EvictAnswer = components['schemas']['EvictAnswer'];

/** How a version has served on this inference instance. */
export interface ServingFigures {
  requests: number;
  errors: number;
  p50Ms?: number;
  p99Ms?: number;
}

/** A version with its validation metrics, hyperparameters and serving figures. */
export type VersionDetail = ModelVersionView & {
  metrics: Record<string, number>;
  params: Record<string, string>;
  modelType?: string;
  serving: ServingFigures;
};

/** `GET /api/models/:name`: one registered model, versions newest first. */
export type ModelDetail = Omit<RegisteredModelView, 'versions'> & { versions: VersionDetail[] };

/** One input column of a model, as training saw it. */
export interface SignatureColumn {
  name: string;
  kind: 'numeric' | 'categorical';
  /** The categorical levels seen in training. */
  levels?: string[];
  /** Training had missing values in it (a blank is imputed as in training). */
  nullable: boolean;
}

export interface Signature {
  inputs: SignatureColumn[];
  output: { name: string; kind: string; labels?: string[] };
}

/** `GET /api/models/:name/versions/:version` or `…/aliases/:alias`: one version with what a form needs. */
export type VersionSignature = VersionDetail & {
  problemType: 'classification' | 'regression';
  target: string;
  runUrl?: string;
  trackingId?: string;
  signature: Signature;
};

/** A batch job once the portal can hand out its results (`resultsPath` when completed). */
export type BatchJob = BatchPrediction & { resultsPath?: string };
