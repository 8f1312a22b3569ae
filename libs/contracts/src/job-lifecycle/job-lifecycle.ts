/**
 * The rules of a job's life, written once: `reduceJob(state, event)` folds one event into the job's state,
 * for the Redis status and the MariaDB history alike.
 *
 * A job's events arrive on four topics, ordered within a topic but not across topics, and a read model may
 * apply them in any interleaving. So each event only updates the facts of its own topic (folded in that
 * topic's order), and everything a user sees (status, stage, progress, error, transitions...) is derived
 * from the four topics' facts afterwards. The same events thus give the same state whatever came first.
 * Re-applying the last event of a topic changes nothing; older redeliveries are dropped by the read models'
 * per-topic sequence cursors before they reach the fold.
 */
import type { TrainingControlEvent, TrainingEvent, TrainingRequestEvent, UploadEvent } from '../generated/events';
import type { JobStatus } from '../job-status';
import { LEGACY_OWNER, ownerOf } from '../owners';
import { EventRef, JobFacts, JobState, JobTransition, TrainingOutcome } from './job-state';

export type JobEvent = UploadEvent | TrainingRequestEvent | TrainingControlEvent | TrainingEvent;

/** pending → running → one final status; orders the transitions of one instant. */
export const JOB_STATUS_RANK: Readonly<Record<JobStatus, number>> = { pending: 0, running: 1, completed: 2, failed: 2, cancelled: 2 };

/** The event's type is none of the job events (a read model dead-letters it). */
export class UnknownJobEventError extends Error {
  override name = 'UnknownJobEventError';
}

/** Folds one event into the job's state (never mutates `state`). */
export function reduceJob(state: JobState, event: JobEvent): JobState {
  return reduceJobEvents(state, [event]);
}

/**
 * Folds events, in order, into the job's state (never mutates `state`): the state `reduceJob` gives one event at a
 * time, for less work — the facts are recorded on one copy and what the job shows is derived once, at the end
 * (recording a fact reads no derived field).
 */
export function reduceJobEvents(state: JobState, events: readonly JobEvent[]): JobState {
  if (events.length === 0) return state;
  const next: JobState = { ...state };
  for (const event of events) {
    const ref: EventRef = { at: Number(event.timestamp), eventId: event.eventId, eventType: event.type, sequence: Number(event.sequence) };
    // Every event of a job names the same owner; only events from before access control say legacy.
    if (next.ownerId === LEGACY_OWNER) next.ownerId = ownerOf(event.ownerId);
    next.createdAt = next.createdAt === 0 ? ref.at : Math.min(next.createdAt, ref.at);
    next.lastEventAt = Math.max(next.lastEventAt, ref.at);
    recordFact(next, event, ref);
  }
  return deriveJob(next);
}

/** Records what the event says in the facts of its own topic (and the plain facts it alone sets). */
function recordFact(job: JobState, event: JobEvent, ref: EventRef): void {
  const facts: JobFacts = { ...job.facts };
  job.facts = facts;
  const training = facts.training ?? {
    stage: 'starting',
    progress: 0,
    epoch: null,
    epochs: null,
    modelType: null,
    mlflowRunId: null,
    running: null,
    outcome: null,
  };
  const end = (outcome: Omit<TrainingOutcome, 'ref'>) => {
    if (!training.outcome) facts.training = { ...training, outcome: { ...outcome, ref } };
    return !training.outcome;
  };
  switch (event.type) {
    case 'UploadChunkReceived': {
      const p = event.payload;
      const upload = facts.upload;
      facts.upload = {
        ...upload,
        filename: upload.filename ?? p.filename,
        totalChunks: p.totalChunks,
        receivedChunks: Math.max(upload.receivedChunks, p.chunkIndex + 1),
        first: upload.first ?? ref,
      };
      return;
    }
    case 'UploadAborted':
      facts.upload = { ...facts.upload, aborted: facts.upload.aborted ?? { reason: event.payload.reason, ref } };
      return;
    case 'UploadCompleted':
      facts.upload = { ...facts.upload, completed: facts.upload.completed ?? { datasetId: event.payload.datasetId, ref } };
      job.datasetId ??= event.payload.datasetId;
      return;
    case 'TrainingRequested': {
      if (facts.request) return; // one request per job: the first stays
      const p = event.payload;
      facts.request = { filename: p.filename, modelName: p.modelName, modelType: p.modelType, chunks: p.dataset.objectKeys.length, ref };
      Object.assign(job, {
        problemType: p.problemType,
        target: p.target,
        hyperparameters: p.paramsJson,
        datasetSha256: p.dataset.sha256,
        datasetSize: Number(p.dataset.size),
        datasetColumns: [...p.dataset.columns],
        datasetId: p.dataset.datasetId ?? null,
        sweepId: p.sweepId ?? null,
      });
      return;
    }
    case 'TrainingCancelRequested':
      facts.cancel ??= { reason: event.payload.reason, ref };
      return;
    case 'TrainingStarted': {
      if (training.outcome) return; // the job ended: a late or zombie attempt changes nothing
      const p = event.payload;
      // A new attempt (a trainer took the job over) starts its progress again.
      facts.training = {
        ...training,
        stage: 'starting',
        progress: 0,
        epoch: null,
        epochs: null,
        modelType: p.modelType,
        mlflowRunId: p.mlflowRunId ?? training.mlflowRunId,
        running: training.running ?? ref,
      };
      job.attempts = Math.max(job.attempts, Number(p.attempt));
      job.settings = JSON.stringify({
        params: parseJson(p.paramsJson),
        backend: p.backend,
        instanceId: p.instanceId,
        attempt: p.attempt,
        columns: parseJson(p.columnsJson),
      });
      return;
    }
    case 'TrainingProgress': {
      if (training.outcome) return;
      const p = event.payload;
      facts.training = {
        ...training,
        stage: p.stage,
        progress: percent(p.progress),
        epoch: p.epoch ?? training.epoch,
        epochs: p.epochs ?? training.epochs,
        running: training.running ?? ref,
      };
      return;
    }
    case 'TrainingCompleted': {
      const p = event.payload;
      if (
        end({ status: 'completed', stage: 'done', error: null, reason: null, mlflowRunId: p.mlflowRunId, modelName: p.modelName || null })
      ) {
        job.modelId = p.modelId;
        job.modelVersion = p.modelVersion;
        job.metrics = Object.fromEntries(Object.entries(p.metrics ?? {}).map(([k, v]) => [k, Number.isFinite(v) ? v : null]));
        job.resultJson = p.resultJson;
      }
      return;
    }
    case 'TrainingFailed':
      end({
        status: 'failed',
        stage: event.payload.stage,
        error: event.payload.error,
        reason: null,
        mlflowRunId: event.payload.mlflowRunId,
        modelName: null,
      });
      return;
    case 'TrainingCancelled':
      end({
        status: 'cancelled',
        stage: event.payload.stage,
        error: null,
        reason: event.payload.reason,
        mlflowRunId: null,
        modelName: null,
      });
      return;
    default: {
      const unknown: never = event;
      throw new UnknownJobEventError(`unknown event type ${(unknown as { type: string }).type}`);
    }
  }
}

/**
 * An end of the job outside the training topic: its upload was aborted, or cancelled before any training request,
 * or it completed into a dataset with no training asked for.
 */
function uploadEnd(facts: JobFacts): { status: 'failed' | 'cancelled' | 'completed'; error: string | null; ref: EventRef } | null {
  if (facts.upload.completed && !facts.request) return { status: 'completed', error: null, ref: facts.upload.completed.ref };
  const aborted = facts.upload.aborted && {
    status: 'failed' as const,
    error: `Upload aborted: ${facts.upload.aborted.reason}`,
    ref: facts.upload.aborted.ref,
  };
  const cancelled = facts.cancel && !facts.request ? { status: 'cancelled' as const, error: null, ref: facts.cancel.ref } : null;
  if (aborted && cancelled) return before(cancelled.ref, aborted.ref) ? cancelled : aborted;
  return aborted ?? cancelled;
}

/**
 * Everything the job shows, from the four topics' facts: the trainer's final word wins, then the upload's.
 * `reduceJob` calls it after every event; a read model that stores the facts calls it to restore a state.
 */
export function deriveJob(job: JobState): JobState {
  const { upload, request, cancel, training } = job.facts;
  const outcome = training?.outcome ?? null;
  const ended = outcome ? null : uploadEnd(job.facts);
  const status: JobStatus = outcome?.status ?? ended?.status ?? (training ? 'running' : 'pending');
  const finalRef = outcome?.ref ?? ended?.ref ?? null;

  const transitions: JobTransition[] = [];
  const pendingRef =
    upload.first && request ? (before(upload.first, request.ref) ? upload.first : request.ref) : (upload.first ?? request?.ref);
  if (pendingRef) transitions.push({ status: 'pending', ...pendingRef });
  if (training?.running && !ended) transitions.push({ status: 'running', ...training.running });
  if (finalRef) transitions.push({ status, ...finalRef });
  transitions.sort((a, b) => a.at - b.at || JOB_STATUS_RANK[a.status] - JOB_STATUS_RANK[b.status]);

  let stage: string | null = upload.first ? 'uploading' : null;
  if (outcome) stage = outcome.stage;
  else if (ended) stage = ended.status === 'completed' ? 'uploaded' : 'uploading';
  else if (training) stage = training.stage;
  else if (request) stage = 'queued';

  return {
    ...job,
    status,
    stage,
    progress: (outcome ?? ended)?.status === 'completed' ? 100 : ended ? 0 : (training?.progress ?? 0),
    error: outcome ? outcome.error : (ended?.error ?? null),
    filename: request?.filename ?? upload.filename,
    modelName: outcome?.modelName || request?.modelName || null,
    modelType: request?.modelType ?? training?.modelType ?? null,
    mlflowRunId: outcome?.mlflowRunId ?? training?.mlflowRunId ?? null,
    receivedChunks: request ? request.chunks : upload.receivedChunks,
    totalChunks: request ? request.chunks : upload.totalChunks,
    epoch: training?.epoch ?? null,
    epochs: training?.epochs ?? null,
    cancelReason: cancel?.reason ?? (outcome?.status === 'cancelled' ? outcome.reason : null),
    cancelRequestedAt: cancel?.ref.at ?? null,
    requestedAt: request?.ref.at ?? null,
    startedAt: training?.running?.at ?? null,
    finishedAt: finalRef?.at ?? null,
    transitions,
  };
}

/** A total order of facts of different topics: time, then event id. */
function before(a: EventRef, b: EventRef): boolean {
  return a.at < b.at || (a.at === b.at && a.eventId < b.eventId);
}

/** A progress value as the views show it: an integer 0-100. */
function percent(value: number): number {
  return Number.isFinite(value) ? Math.max(0, Math.min(100, Math.round(value))) : 0;
}

function parseJson(text: string | null | undefined): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
