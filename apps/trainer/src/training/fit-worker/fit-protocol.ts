/**
 * The messages between the trainer and a fit worker (a child process that runs one fit and exits), over
 * Node's IPC channel with `serialization: 'advanced'` (structured clone: typed arrays and byte arrays
 * cross as they are). The trainer sends one `fit`; the worker answers `ready` once its backend works,
 * then `epoch` per epoch and `done` (the saved model files) or `failed`. Everything else — logging,
 * events, heartbeats, cancels, the memory ceiling — stays with the trainer.
 */
import type { HyperParams, ModelType } from '@modelstream/contracts';
import { DatasetError } from '@modelstream/ml';
import type { EpochLog, ModelFormat, SavedModel, TrainingData, TrainingStage, TrainOptions, TrainOutcome } from '@modelstream/ml';

/** What one fit needs: fitFamily's arguments. */
export interface FitRequest {
  modelType: ModelType;
  params: HyperParams;
  data: TrainingData;
  loop: Omit<TrainOptions, 'l2'>;
}

/** An error as it crosses the channel; `dataStage` is set for a DatasetError (the data's fault, not the worker's). */
export interface WireError {
  name: string;
  message: string;
  stack?: string;
  dataStage?: TrainingStage;
}

export interface WireFitResult {
  format: ModelFormat;
  /** The saved model (TrainedModel.save()): files relative to the bundle's `model/` directory. */
  modelPath: string;
  files: Record<string, Uint8Array>;
  outcome: TrainOutcome;
  backend: string;
  featureImportances?: Float64Array;
  /** The worker's peak resident set (getrusage maxrss). */
  maxRssBytes: number;
}

/** Trainer → worker. */
export type ParentMessage = { type: 'fit'; request: FitRequest };

/** Worker → trainer. */
export type ChildMessage =
  | { type: 'ready'; backend: string; skipped: { backend: string; reason: string }[] }
  | { type: 'init-failed'; error: WireError }
  | { type: 'epoch'; log: EpochLog }
  | { type: 'done'; result: WireFitResult }
  | { type: 'failed'; error: WireError };

const CHILD_TYPES = new Set<ChildMessage['type']>(['ready', 'init-failed', 'epoch', 'done', 'failed']);

/** A message from a worker, or null for anything else on the channel. */
export function childMessage(value: unknown): ChildMessage | null {
  if (typeof value !== 'object' || value === null) return null;
  const type = (value as { type?: unknown }).type;
  return typeof type === 'string' && CHILD_TYPES.has(type as ChildMessage['type']) ? (value as ChildMessage) : null;
}

export function toWireError(error: unknown): WireError {
  if (error instanceof DatasetError) return { name: error.name, message: error.message, stack: error.stack, dataStage: error.stage };
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: String(error) };
}

/** The saved model back as Buffers (the channel delivers Uint8Arrays). */
export function savedModelOf(result: Pick<WireFitResult, 'files' | 'modelPath'>): SavedModel {
  const files = Object.fromEntries(
    Object.entries(result.files).map(([path, bytes]) => [path, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]),
  );
  return { files, modelPath: result.modelPath };
}
