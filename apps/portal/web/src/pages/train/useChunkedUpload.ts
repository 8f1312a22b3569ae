/**
 * The Train page's upload: the chunk loop (lib/upload/chunk-upload) over the SDK's HttpClient, which sends a
 * chunk again after a 503/429 or no answer with backoff (a chunk is idempotent: a repeat of the same bytes is
 * answered as before) and throws a 4xx at once. Where the upload is, is saved in localStorage after every
 * acknowledged chunk, so a reload can offer to resume it with the same file.
 */
import { useCallback, useRef, useState } from 'react';
import { DEFAULT_CHUNK_SIZE, planChunks, type TrainingSettings } from '@sdk/chunking';
import type { ModelstreamError } from '@sdk/errors';
import type { JobStatus, UploadChunkAnswer } from '@sdk/types';
import { api, getJson } from '../../api/client';
import { chunkForm, uploadChunks, type ChunkRequest } from '../../lib/upload/chunk-upload';
import {
  afterChunk,
  fileIdentity,
  parseUpload,
  RESUME_STORAGE_KEY,
  resumeFrom,
  serializeUpload,
  type UploadState,
} from '../../lib/upload/resume-state';
import { SpeedMeter } from '../../lib/upload/upload-speed';

export interface UploadProgressState {
  filename: string;
  sentBytes: number;
  totalBytes: number;
  chunk: number;
  totalChunks: number;
  bytesPerSecond?: number;
  secondsLeft?: number;
  /** Set while a failed chunk waits for its next attempt. */
  retry?: { chunk: number; attempt: number; delayMs: number; message: string };
  resumedAt?: number;
}

export const savedUpload = (): UploadState | undefined => parseUpload(localStorage.getItem(RESUME_STORAGE_KEY));
export const forgetUpload = (): void => localStorage.removeItem(RESUME_STORAGE_KEY);

export function useChunkedUpload() {
  const [progress, setProgress] = useState<UploadProgressState>();
  const abort = useRef<AbortController | null>(null);

  const run = useCallback(async (file: File, settings: TrainingSettings, resume?: UploadState): Promise<string> => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    const plan = resume ? planChunks(resume.file.size, resume.chunkSize) : planChunks(file.size, DEFAULT_CHUNK_SIZE);
    let state: UploadState | undefined = resume;
    let start = 0;
    if (resume) {
      // what the server has of it: chunks arrive in order, so it has 0..receivedChunks-1
      const status = await getJson<JobStatus>(`/api/model-train/status/${encodeURIComponent(resume.trackingId)}`, {
        signal: controller.signal,
      });
      start = resumeFrom(resume, status);
      if (start >= plan.totalChunks) return resume.trackingId;
    }
    const meter = new SpeedMeter();
    const startBytes = start === 0 ? 0 : plan.ranges[start - 1][1];
    meter.add(performance.now(), startBytes);
    const base = { filename: file.name, totalBytes: file.size, totalChunks: plan.totalChunks, resumedAt: resume ? start : undefined };
    setProgress({ ...base, sentBytes: startBytes, chunk: start });

    const send = (request: ChunkRequest) =>
      api().json<UploadChunkAnswer>('POST', '/api/model-train/start', {
        form: chunkForm(request),
        idempotent: true,
        signal: controller.signal,
        timeoutMs: 120_000,
        onRetry: (error: ModelstreamError, attempt: number, delayMs: number) =>
          setProgress((p) => p && { ...p, retry: { chunk: request.index, attempt, delayMs, message: error.message } }),
      });

    const { trackingId } = await uploadChunks({
      file,
      filename: file.name,
      plan,
      start,
      trackingId: resume?.trackingId,
      settings: resume ? resume.settings : settings,
      send,
      signal: controller.signal,
      onChunk: (answer, index, sentBytes) => {
        state ??= {
          trackingId: answer.trackingId,
          file: fileIdentity(file),
          chunkSize: plan.chunkSize,
          totalChunks: plan.totalChunks,
          nextChunk: 0,
          settings,
          startedAt: new Date().toISOString(),
        };
        state = afterChunk(state, index);
        if (state.nextChunk < plan.totalChunks) localStorage.setItem(RESUME_STORAGE_KEY, serializeUpload(state));
        meter.add(performance.now(), sentBytes);
        setProgress({
          ...base,
          sentBytes,
          chunk: index + 1,
          bytesPerSecond: meter.bytesPerSecond(),
          secondsLeft: meter.secondsLeft(file.size),
        });
      },
    });
    forgetUpload();
    return trackingId;
  }, []);

  const cancel = useCallback(() => abort.current?.abort(new Error('The upload was stopped. Pick the file again to resume it.')), []);

  return { progress, run, cancel, reset: () => setProgress(undefined) };
}
