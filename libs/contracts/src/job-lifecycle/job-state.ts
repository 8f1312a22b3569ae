/**
 * The state of one training job as every read model shows it (Redis status, MariaDB history), and the
 * per-topic facts it is derived from. Times are epoch milliseconds, so the state is plain JSON.
 */
import type { JobStatus } from '../job-status';
import { LEGACY_OWNER } from '../owners';

/** Where in the log a fact came from: enough to record a transition and to order facts deterministically. */
export interface EventRef {
  at: number;
  eventId: string;
  eventType: string;
  sequence: number;
}

/** When the job first entered a status, and the event that said so. */
export interface JobTransition extends EventRef {
  status: JobStatus;
}

/** How the training topic ended the job: its first final event (a later one changes nothing). */
export interface TrainingOutcome {
  status: Extract<JobStatus, 'completed' | 'failed' | 'cancelled'>;
  stage: string;
  error: string | null;
  reason: string | null;
  mlflowRunId: string | null;
  modelName: string | null;
  ref: EventRef;
}

/**
 * What each topic said about the job, folded in that topic's order only. Events of one job are ordered per
 * topic but not across topics, so no fact of one topic reads another topic's facts: the derived fields
 * (status, stage, progress, error...) are computed from all four afterwards, whatever came first.
 */
export interface JobFacts {
  upload: {
    filename: string | null;
    totalChunks: number | null;
    receivedChunks: number;
    first: EventRef | null;
    aborted: { reason: string; ref: EventRef } | null;
    /** The last chunk is in and no training was asked for (train=false): the upload became a dataset. */
    completed: { datasetId: string; ref: EventRef } | null;
  };
  request: { filename: string; modelName: string; modelType: string; chunks: number; ref: EventRef } | null;
  cancel: { reason: string; ref: EventRef } | null;
  training: {
    stage: string;
    progress: number;
    epoch: number | null;
    epochs: number | null;
    modelType: string | null;
    mlflowRunId: string | null;
    running: EventRef | null;
    outcome: TrainingOutcome | null;
  } | null;
}

export interface JobState {
  trackingId: string;
  /** Who the job belongs to (the events' ownerId; LEGACY_OWNER for events from before access control). */
  ownerId: string;

  // What the job shows, derived from `facts` after every event.
  status: JobStatus;
  stage: string | null;
  /** Integer 0-100; 100 once completed. */
  progress: number;
  error: string | null;
  filename: string | null;
  modelName: string | null;
  modelType: string | null;
  mlflowRunId: string | null;
  receivedChunks: number;
  totalChunks: number | null;
  epoch: number | null;
  epochs: number | null;
  cancelReason: string | null;
  cancelRequestedAt: number | null;
  requestedAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  /** The statuses the job went through, in time order. */
  transitions: JobTransition[];

  // Facts of one event type each.
  problemType: string | null;
  target: string | null;
  /** JSON object: the validated hyperparameters of the request. */
  hyperparameters: string | null;
  /** JSON object: what the trainer reported when it (last) started: effective params, backend, column roles. */
  settings: string | null;
  datasetSha256: string | null;
  datasetSize: number | null;
  datasetColumns: string[] | null;
  /** The dataset the job trains on (or the upload became). */
  datasetId: string | null;
  /** The sweep the job is one combination of. */
  sweepId: string | null;
  /** Highest attempt a trainer started. */
  attempts: number;
  /** Set by the completion that ended the job. */
  modelId: string | null;
  modelVersion: string | null;
  metrics: Record<string, number | null> | null;
  /** JSON object of extra results (confusion matrix, labels, row counts), as the trainer wrote it. */
  resultJson: string | null;
  /** Earliest and newest event times (the watchdog's clock is the newest); 0 before the first event. */
  createdAt: number;
  lastEventAt: number;

  facts: JobFacts;
}

/** A job before any event: what the first event of a job (whichever it is) folds into. */
export function newJobState(trackingId: string): JobState {
  return {
    trackingId,
    ownerId: LEGACY_OWNER,
    status: 'pending',
    stage: null,
    progress: 0,
    error: null,
    filename: null,
    modelName: null,
    modelType: null,
    mlflowRunId: null,
    receivedChunks: 0,
    totalChunks: null,
    epoch: null,
    epochs: null,
    cancelReason: null,
    cancelRequestedAt: null,
    requestedAt: null,
    startedAt: null,
    finishedAt: null,
    transitions: [],
    problemType: null,
    target: null,
    hyperparameters: null,
    settings: null,
    datasetSha256: null,
    datasetSize: null,
    datasetColumns: null,
    datasetId: null,
    sweepId: null,
    attempts: 0,
    modelId: null,
    modelVersion: null,
    metrics: null,
    resultJson: null,
    createdAt: 0,
    lastEventAt: 0,
    facts: {
      upload: { filename: null, totalChunks: null, receivedChunks: 0, first: null, aborted: null, completed: null },
      request: null,
      cancel: null,
      training: null,
    },
  };
}
