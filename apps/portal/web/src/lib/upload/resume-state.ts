/**
 * What the browser keeps of an upload in progress so a reload can resume it: the trackingId the first chunk's
 * answer gave, the file's identity (the person must pick the same file again: a browser cannot reopen it), the
 * chunk plan and the next chunk to send. Pure: the page stores the string this makes in localStorage.
 */
import { planChunks, type ChunkPlan, type TrainingSettings } from '@sdk/chunking';

export const RESUME_STORAGE_KEY = 'modelstream.upload';
const VERSION = 1;

export interface FileIdentity {
  name: string;
  size: number;
  lastModified: number;
}

export interface UploadState {
  trackingId: string;
  file: FileIdentity;
  chunkSize: number;
  totalChunks: number;
  /** The first chunk not yet acknowledged. */
  nextChunk: number;
  /** What chunk 0 asked for (shown when offering the resume). */
  settings: TrainingSettings;
  startedAt: string;
}

export const fileIdentity = (file: FileIdentity): FileIdentity => ({ name: file.name, size: file.size, lastModified: file.lastModified });

export function serializeUpload(state: UploadState): string {
  return JSON.stringify({ v: VERSION, ...state });
}

/** The saved state, or undefined when there is none or it is not one this version wrote (then it is ignored). */
export function parseUpload(text: string | null | undefined): UploadState | undefined {
  if (!text) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const f = r.file as Record<string, unknown> | undefined;
  const whole = (v: unknown, min: number) => typeof v === 'number' && Number.isInteger(v) && v >= min;
  if (r.v !== VERSION || typeof r.trackingId !== 'string' || r.trackingId === '') return undefined;
  if (!f || typeof f.name !== 'string' || !whole(f.size, 0) || typeof f.lastModified !== 'number') return undefined;
  if (!whole(r.chunkSize, 1) || !whole(r.totalChunks, 1) || !whole(r.nextChunk, 0)) return undefined;
  if ((r.totalChunks as number) !== planChunks(f.size as number, r.chunkSize as number).totalChunks) return undefined;
  return {
    trackingId: r.trackingId,
    file: { name: f.name, size: f.size as number, lastModified: f.lastModified },
    chunkSize: r.chunkSize as number,
    totalChunks: r.totalChunks as number,
    nextChunk: Math.min(r.nextChunk as number, r.totalChunks as number),
    settings: typeof r.settings === 'object' && r.settings !== null ? (r.settings as TrainingSettings) : {},
    startedAt: typeof r.startedAt === 'string' ? r.startedAt : '',
  };
}

/** Why `file` is not the file of the saved upload, or undefined when it is (same name, size and modification time). */
export function fileMismatch(state: UploadState, file: FileIdentity): string | undefined {
  const want = state.file;
  if (file.name === want.name && file.size === want.size && file.lastModified === want.lastModified) return undefined;
  const diffs: string[] = [];
  if (file.name !== want.name) diffs.push(`its name is ${file.name}, not ${want.name}`);
  if (file.size !== want.size) diffs.push(`it is ${file.size} bytes, not ${want.size}`);
  if (file.lastModified !== want.lastModified) diffs.push('it was modified since');
  return `This is not the file of the interrupted upload: ${diffs.join(', ')}. Pick ${want.name} (${want.size} bytes) again, or start a new upload.`;
}

/** The plan the upload was made with (the same chunk size, so a resumed chunk has the same bytes). */
export function planOf(state: Pick<UploadState, 'file' | 'chunkSize'>): ChunkPlan {
  return planChunks(state.file.size, state.chunkSize);
}

/** What the status API says about an upload (GET /api/model-train/status/:id while uploading). */
export interface UploadStatusHint {
  receivedChunks?: number;
  totalChunks?: number;
  status?: string;
}

/**
 * The chunk to send next: what the server says it has when it says so (chunks arrive in order, so it has chunks
 * 0..receivedChunks-1), else the saved next chunk (a repeat of an acknowledged chunk is answered as before).
 * Throws when the server knows the upload with another chunk count.
 */
export function resumeFrom(state: UploadState, server?: UploadStatusHint): number {
  if (server?.totalChunks !== undefined && server.totalChunks !== state.totalChunks) {
    throw new Error(
      `The server has upload ${state.trackingId} in ${server.totalChunks} chunks, the saved plan ${state.totalChunks}: start a new upload.`,
    );
  }
  const received = server?.receivedChunks;
  if (received !== undefined && Number.isInteger(received) && received >= 0) return Math.min(received, state.totalChunks);
  return state.nextChunk;
}

/** The state after chunk `index` was acknowledged. */
export function afterChunk(state: UploadState, index: number): UploadState {
  return { ...state, nextChunk: Math.max(state.nextChunk, index + 1) };
}
