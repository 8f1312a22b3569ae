/**
 * What each job event means for the job's status record: a pure function from an event to a patch that
 * JobStatusProjection applies atomically in Redis. The switch is exhaustive over every event we publish.
 */
import { PermanentEventError, AnyEvent } from '@modelstream/kafka';
import { JobStatus, TrainingControlEvent, TrainingEvent, TrainingRequestEvent, UploadEvent } from '@modelstream/contracts';

export type JobEvent = UploadEvent | TrainingRequestEvent | TrainingControlEvent | TrainingEvent;

export interface JobPatch {
  /** The status this event moves the job to, if any (never backwards; final statuses stay). */
  status?: JobStatus;
  /** Apply `status` only while this field is absent from the record. */
  statusUnlessField?: string;
  /** Fields to set, as strings (JSON for structured values). */
  fields: Record<string, string>;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function reduceJobEvent(raw: AnyEvent): JobPatch {
  const event = raw as JobEvent;
  const at = iso(event.timestamp);
  switch (event.type) {
    case 'UploadChunkReceived':
      return {
        status: 'pending',
        fields: {
          stage: 'uploading',
          filename: event.payload.filename,
          receivedChunks: String(event.payload.chunkIndex + 1),
          totalChunks: String(event.payload.totalChunks),
        },
      };
    case 'UploadAborted':
      return {
        status: 'failed',
        fields: { stage: 'upload', error: `Upload aborted: ${event.payload.reason}`, finishedAt: at },
      };
    case 'TrainingRequested':
      return {
        status: 'pending',
        fields: {
          stage: 'queued',
          filename: event.payload.filename,
          modelName: event.payload.modelName,
          modelType: event.payload.modelType,
          problemType: event.payload.problemType,
          target: event.payload.target,
          receivedChunks: String(event.payload.dataset.objectKeys.length),
          totalChunks: String(event.payload.dataset.objectKeys.length),
          requestedAt: at,
        },
      };
    case 'TrainingCancelRequested':
      // Before the training was requested no trainer will ever see the job: the cancel request ends it.
      return {
        status: 'cancelled',
        statusUnlessField: 'requestedAt',
        fields: { cancelRequestedAt: at, cancelReason: event.payload.reason },
      };
    case 'TrainingStarted':
      return {
        status: 'running',
        fields: {
          stage: 'starting',
          modelType: event.payload.modelType,
          startedAt: at,
          attempt: String(event.payload.attempt),
          ...(event.payload.mlflowRunId ? { mlflowRunId: event.payload.mlflowRunId } : {}),
        },
      };
    case 'TrainingProgress':
      return {
        status: 'running',
        fields: {
          stage: event.payload.stage,
          progress: String(Math.max(0, Math.min(100, event.payload.progress))),
          ...(event.payload.epoch !== null ? { epoch: String(event.payload.epoch) } : {}),
          ...(event.payload.epochs !== null ? { epochs: String(event.payload.epochs) } : {}),
        },
      };
    case 'TrainingCompleted':
      return {
        status: 'completed',
        fields: {
          stage: 'done',
          progress: '100',
          result: JSON.stringify({ ...parseObject(event.payload.resultJson), metrics: event.payload.metrics }),
          modelId: event.payload.modelId,
          modelName: event.payload.modelName,
          modelVersion: event.payload.modelVersion,
          mlflowRunId: event.payload.mlflowRunId,
          finishedAt: at,
        },
      };
    case 'TrainingFailed':
      return {
        status: 'failed',
        fields: {
          stage: event.payload.stage,
          error: event.payload.error,
          finishedAt: at,
          ...(event.payload.mlflowRunId ? { mlflowRunId: event.payload.mlflowRunId } : {}),
        },
      };
    case 'TrainingCancelled':
      return {
        status: 'cancelled',
        fields: { stage: event.payload.stage, cancelReason: event.payload.reason, finishedAt: at },
      };
    default: {
      const unknown: never = event;
      throw new PermanentEventError(`unknown event type ${(unknown as AnyEvent).type}`);
    }
  }
}

function parseObject(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
