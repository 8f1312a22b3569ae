/** A small HTTP client of the ingest API for e2e tests and the benchmark: one chunk per call, as a frontend sends it. */
import { createHash } from 'node:crypto';

export interface ChunkFields {
  filename?: string;
  chunkIndex?: number | string;
  totalChunks?: number | string;
  trackingId?: string;
  target?: string;
  modelType?: string;
  params?: string;
  modelName?: string;
  train?: string;
}

export interface ApiAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ChunkAnswerBody {
  trackingId: string;
  chunkIndex: number;
  receivedChunks: number;
  totalChunks: number;
  status: string;
  datasetId?: string;
  message?: string | string[];
  retryable?: boolean;
}

/** Posts one chunk; `file: null` leaves the file part out. */
export async function postChunk(
  baseUrl: string,
  fields: ChunkFields,
  file: Buffer | null,
  fileField = 'file',
): Promise<ApiAnswer<ChunkAnswerBody>> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.append(name, String(value));
  if (file) form.append(fileField, new Blob([new Uint8Array(file)], { type: 'text/csv' }), String(fields.filename ?? 'chunk.csv'));
  const send = () => fetch(`${baseUrl}/api/model-train/start`, { method: 'POST', body: form, signal: AbortSignal.timeout(60_000) });
  let res: Response;
  try {
    res = await send();
  } catch (error) {
    // A kept-alive socket the server closed meanwhile (EPIPE/ECONNRESET): resend once on a new one, as any
    // HTTP client does; a chunk is safe to resend.
    if (!/EPIPE|ECONNRESET|UND_ERR_SOCKET|other side closed/.test(String((error as { cause?: unknown }).cause ?? error))) throw error;
    res = await send();
  }
  return { status: res.status, body: (await res.json()) as ChunkAnswerBody, headers: res.headers };
}

export async function getJson<T = Record<string, unknown>>(url: string, init?: RequestInit): Promise<ApiAnswer<T>> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  return { status: res.status, body: (await res.json()) as T, headers: res.headers };
}

/** Splits a file into `count` chunks of (nearly) equal size. */
export function splitIntoChunks(file: Buffer, count: number): Buffer[] {
  const size = Math.ceil(file.length / count);
  return Array.from({ length: count }, (_, i) => file.subarray(i * size, Math.min(file.length, (i + 1) * size)));
}

/** Splits a file into chunks of `chunkBytes`. */
export function chunksOf(file: Buffer, chunkBytes: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0; at < file.length; at += chunkBytes) chunks.push(file.subarray(at, at + chunkBytes));
  return chunks;
}

export const sha256Hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Uploads a whole file chunk by chunk; returns the answers (throws on the first non-200). */
export async function uploadFile(
  baseUrl: string,
  file: Buffer,
  chunks: Buffer[],
  fields: Omit<ChunkFields, 'chunkIndex' | 'totalChunks' | 'trackingId'>,
): Promise<ChunkAnswerBody[]> {
  const answers: ChunkAnswerBody[] = [];
  let trackingId: string | undefined;
  for (const [index, chunk] of chunks.entries()) {
    const res = await postChunk(
      baseUrl,
      { ...(index === 0 ? fields : { filename: fields.filename }), chunkIndex: index, totalChunks: chunks.length, trackingId },
      chunk,
    );
    if (res.status !== 200) throw new Error(`chunk ${index} answered ${res.status}: ${JSON.stringify(res.body)}`);
    trackingId = res.body.trackingId;
    answers.push(res.body);
  }
  return answers;
}
