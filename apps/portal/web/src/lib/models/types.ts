/**
 * The model views the Models and Predict pages read, all from the SDK's types generated out of
 * openapi/inference.json (the list, the model detail, a version with its signature, aliases, batch jobs).
 */
import type { components } from '@sdk/generated/inference';

type Schemas = components['schemas'];

export type { AliasDeleted, AliasSet, ModelList, PredictResult, RegisteredModelView, RowPrediction } from '@sdk/types';

export type PreloadAnswer = Schemas['PreloadAnswer'];
export type EvictAnswer = Schemas['EvictAnswer'];
/** How a version has served on this inference instance: requests, errors, p50/p99 over the recent window. */
export type ServingFigures = Schemas['ServingInfo'];
/** A version with its validation metrics, hyperparameters and serving figures. */
export type VersionDetail = Schemas['ModelVersionSummary'];
/** `GET /api/models/:name`: one registered model, versions newest first. */
export type ModelDetail = Schemas['RegisteredModelDetail'];
export type Signature = Schemas['ModelSignatureInfo'];
/** One input column of a model as training saw it (levels of a categorical one, nullable when it had blanks). */
export type SignatureColumn = Schemas['SignatureInputInfo'];
/** `GET /api/models/:name/versions/:version` or `…/aliases/:alias`: one version with what a form needs. */
export type VersionSignature = Schemas['ModelVersionDetail'];
/** A batch prediction job; `resultsPath` (through the portal) once completed. */
export type BatchJob = Schemas['BatchJobAnswer'];
