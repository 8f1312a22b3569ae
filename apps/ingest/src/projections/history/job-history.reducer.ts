/**
 * The history projection's rules, as a pure function: an event and the job row as it stands give the new
 * row, the status transitions and the metrics to record. Events of one job arrive on four topics with no
 * order between topics, so every rule gives the same row whatever the order across topics: statuses only
 * move forward (pending < running < final; the first final event wins), times keep the earliest or newest
 * value, and nothing reads the projector's clock. A replay therefore rebuilds exactly the live rows.
 */
import { FINAL_STATUSES, JobStatus, TrainingControlEvent, TrainingEvent, TrainingRequestEvent, UploadEvent } from '@modelstream/contracts';
import type { MetricKind } from '@modelstream/storage';
import { PermanentEventError } from '@modelstream/kafka';

export type HistoryEvent = UploadEvent | TrainingRequestEvent | TrainingControlEvent | TrainingEvent;

/** The columns of a job row (training_jobs), dates as Date. */
export interface JobRow {
  trackingId: string;
  filename: string | null;
  datasetSha256: string | null;
  datasetSize: number | null;
  datasetColumns: string | null;
  modelName: string | null;
  modelType: string | null;
  problemType: string | null;
  target: string | null;
  hyperparameters: string | null;
  settings: string | null;
  status: string;
  progress: number;
  stage: string | null;
  error: string | null;
  mlflowRunId: string | null;
  modelId: string | null;
  modelVersion: string | null;
  version: number | null;
  resultJson: string | null;
  totalChunks: number | null;
  receivedChunks: number;
  attempts: number;
  cancelReason: string | null;
  cancelRequestedAt: Date | null;
  requestedAt: Date | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  lastEventAt: Date;
}

export interface TransitionRow {
  status: JobStatus;
  at: Date;
  eventId: string;
  eventType: string;
  sequence: number;
}

export interface MetricRow {
  kind: MetricKind;
  name: string;
  step: number;
  value: number | null;
}

export interface JobChange {
  job: JobRow;
  transition: TransitionRow | null;
  metrics: MetricRow[];
  /** True when this event made the job a training request (its version number must be assigned). */
  requested: boolean;
}

const RANK: Record<JobStatus, number> = { pending: 0, running: 1, completed: 2, failed: 2, cancelled: 2 };

export function isFinal(status: string): boolean {
  return FINAL_STATUSES.has(status as JobStatus);
}

/** A new job row, as the first event of a job (whichever it is) finds it. */
export function newJobRow(trackingId: string, at: Date): JobRow {
  return {
    trackingId,
    filename: null,
    datasetSha256: null,
    datasetSize: null,
    datasetColumns: null,
    modelName: null,
    modelType: null,
    problemType: null,
    target: null,
    hyperparameters: null,
    settings: null,
    status: 'pending',
    progress: 0,
    stage: null,
    error: null,
    mlflowRunId: null,
    modelId: null,
    modelVersion: null,
    version: null,
    resultJson: null,
    totalChunks: null,
    receivedChunks: 0,
    attempts: 0,
    cancelReason: null,
    cancelRequestedAt: null,
    requestedAt: null,
    createdAt: at,
    startedAt: null,
    finishedAt: null,
    lastEventAt: at,
  };
}

const earliest = (a: Date | null, b: Date): Date => (a && a.getTime() <= b.getTime() ? a : b);
const newest = (a: Date, b: Date): Date => (a.getTime() >= b.getTime() ? a : b);
const finite = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function parseJson(text: string | null | undefined): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Applies one event to a job row (never mutates `current`). */
export function reduceJob(current: JobRow, event: HistoryEvent): JobChange {
  const at = new Date(Number(event.timestamp));
  const job: JobRow = { ...current, createdAt: earliest(current.createdAt, at), lastEventAt: newest(current.lastEventAt, at) };
  const metrics: MetricRow[] = [];
  let requested = false;
  let transition: TransitionRow | null = null;
  const moveTo = (status: JobStatus): boolean => {
    if (isFinal(job.status) || RANK[status] < RANK[job.status as JobStatus]) return false;
    // Only a change of status is a transition (`running` and the final statuses come from one topic, in order).
    if (job.status !== status) transition = { status, at, eventId: event.eventId, eventType: event.type, sequence: Number(event.sequence) };
    job.status = status;
    return true;
  };
  /** A job is pending from its first event; the transition keeps the earliest such event. */
  const pendingFact = () => {
    transition = { status: 'pending', at, eventId: event.eventId, eventType: event.type, sequence: Number(event.sequence) };
  };

  switch (event.type) {
    case 'UploadChunkReceived': {
      const p = event.payload;
      job.filename ??= p.filename;
      job.totalChunks = p.totalChunks;
      job.receivedChunks = Math.max(job.receivedChunks, p.chunkIndex + 1);
      pendingFact();
      break;
    }
    case 'UploadAborted': {
      if (moveTo('failed')) {
        job.error = `upload aborted: ${event.payload.reason}`;
        job.stage = 'upload';
        job.finishedAt = at;
      }
      break;
    }
    case 'TrainingRequested': {
      const p = event.payload;
      job.filename = p.filename;
      // The registered name of a completed job wins, whichever of the two events is applied first.
      job.modelName ??= p.modelName;
      job.modelType = p.modelType;
      job.problemType = p.problemType;
      job.target = p.target;
      job.hyperparameters = p.paramsJson;
      job.datasetSha256 = p.dataset.sha256;
      job.datasetSize = Number(p.dataset.size);
      job.datasetColumns = JSON.stringify(p.dataset.columns);
      requested = current.requestedAt === null;
      job.requestedAt = earliest(current.requestedAt, at);
      pendingFact();
      break;
    }
    case 'TrainingCancelRequested': {
      job.cancelReason ??= event.payload.reason;
      job.cancelRequestedAt = earliest(current.cancelRequestedAt, at);
      break;
    }
    case 'TrainingStarted': {
      const p = event.payload;
      job.modelType ??= p.modelType;
      job.attempts = Math.max(job.attempts, p.attempt);
      job.startedAt = earliest(current.startedAt, at);
      if (!isFinal(job.status)) {
        job.settings = JSON.stringify({
          params: parseJson(p.paramsJson),
          backend: p.backend,
          instanceId: p.instanceId,
          attempt: p.attempt,
          columns: parseJson(p.columnsJson),
        });
        job.mlflowRunId = p.mlflowRunId ?? job.mlflowRunId;
        moveTo('running');
      }
      break;
    }
    case 'TrainingProgress': {
      const p = event.payload;
      if (!isFinal(job.status)) {
        job.startedAt = earliest(current.startedAt, at);
        moveTo('running');
        job.progress = Math.max(0, Math.min(100, Math.round(p.progress)));
        job.stage = p.stage;
      }
      if (p.epoch !== null && p.epoch !== undefined) {
        if (p.loss !== null && p.loss !== undefined) metrics.push({ kind: 'epoch', name: 'loss', step: p.epoch, value: finite(p.loss) });
        for (const [name, value] of Object.entries(p.metrics ?? {}))
          metrics.push({ kind: 'epoch', name, step: p.epoch, value: finite(value) });
      }
      break;
    }
    case 'TrainingCompleted': {
      const p = event.payload;
      if (moveTo('completed')) {
        job.progress = 100;
        job.finishedAt = at;
        job.mlflowRunId = p.mlflowRunId;
        job.modelName = p.modelName || job.modelName;
        job.modelVersion = p.modelVersion;
        job.modelId = p.modelId;
        job.resultJson = p.resultJson;
        job.error = null;
      }
      for (const [name, value] of Object.entries(p.metrics ?? {})) metrics.push({ kind: 'final', name, step: 0, value: finite(value) });
      break;
    }
    case 'TrainingFailed': {
      const p = event.payload;
      if (moveTo('failed')) {
        job.error = p.error;
        job.stage = p.stage;
        job.finishedAt = at;
        job.mlflowRunId = p.mlflowRunId ?? job.mlflowRunId;
      }
      break;
    }
    case 'TrainingCancelled': {
      const p = event.payload;
      if (moveTo('cancelled')) {
        job.stage = p.stage;
        job.cancelReason ??= p.reason;
        job.finishedAt = at;
      }
      break;
    }
    default: {
      const unknown: never = event;
      throw new PermanentEventError(`unknown event type ${(unknown as { type: string }).type}`);
    }
  }
  return { job, transition, metrics, requested };
}
