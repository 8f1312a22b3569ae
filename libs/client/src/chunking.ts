/** How a file becomes the chunks of `POST /api/model-train/start`: fixed-size slices, in order. */

export const DEFAULT_CHUNK_SIZE = 1024 * 1024;
/** The platform's limit on one file. */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;

export interface ChunkPlan {
  totalChunks: number;
  chunkSize: number;
  /** [start, end) byte offsets of each chunk. */
  ranges: [number, number][];
}

/** Slices `size` bytes into chunks of `chunkSize` (the last one shorter); an empty file is one empty chunk. */
export function planChunks(size: number, chunkSize = DEFAULT_CHUNK_SIZE): ChunkPlan {
  if (!Number.isInteger(chunkSize) || chunkSize < 1)
    throw new RangeError(`chunkSize must be a whole number of bytes ≥ 1, got ${chunkSize}`);
  if (!Number.isInteger(size) || size < 0) throw new RangeError(`size must be a whole number of bytes ≥ 0, got ${size}`);
  const totalChunks = Math.max(1, Math.ceil(size / chunkSize));
  const ranges: [number, number][] = [];
  for (let i = 0; i < totalChunks; i++) ranges.push([i * chunkSize, Math.min(size, (i + 1) * chunkSize)]);
  return { totalChunks, chunkSize, ranges };
}

/** Training settings sent with chunk 0 (and the body of POST /api/datasets/:id/train, POST /api/train). */
export interface TrainingSettings {
  /** The label column (default: the last column). */
  target?: string;
  /** A key of GET /api/model-specs, e.g. `mlp_classifier`. */
  modelType?: string;
  /** Hyperparameters, e.g. `{ epochs: 20, learningRate: 0.01 }`. */
  params?: Record<string, unknown>;
  /** The registered model's name (default: derived from the filename). */
  modelName?: string;
}

/** The multipart text fields of chunk `index`; settings (and `train`) ride on chunk 0 only. */
export function chunkFields(
  index: number,
  plan: Pick<ChunkPlan, 'totalChunks'>,
  init: { filename: string; trackingId?: string; settings?: TrainingSettings; train?: boolean },
): Record<string, string> {
  const fields: Record<string, string> = { filename: init.filename, chunkIndex: String(index), totalChunks: String(plan.totalChunks) };
  if (index > 0) {
    if (!init.trackingId) throw new Error(`chunk ${index} needs the trackingId that chunk 0's answer returned`);
    fields.trackingId = init.trackingId;
    return fields;
  }
  if (init.trackingId) fields.trackingId = init.trackingId;
  const s = init.settings ?? {};
  if (s.target !== undefined) fields.target = s.target;
  if (s.modelType !== undefined) fields.modelType = s.modelType;
  if (s.params !== undefined) fields.params = JSON.stringify(s.params);
  if (s.modelName !== undefined) fields.modelName = s.modelName;
  if (init.train === false) fields.train = 'false';
  return fields;
}
