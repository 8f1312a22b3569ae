/**
 * A history row (training_jobs) is the job-lifecycle fold's state: this turns one into the other. The
 * `lifecycle` column keeps the per-topic facts the derived columns come from; a row written before it
 * existed gets facts rebuilt from its columns, close enough to keep folding its later events.
 */
import { deriveJob, FINAL_STATUSES, JobFacts, JobState, JobStatus, newJobState } from '@modelstream/contracts';
import { TrainingJobEntity } from '@modelstream/storage';

/** The columns of a history row. */
export type JobRow = { [K in keyof TrainingJobEntity]: TrainingJobEntity[K] };

const date = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));
const ms = (d: Date | null): number | null => (d ? d.getTime() : null);

export function stateToRow(state: JobState, version: number | null): JobRow {
  return {
    trackingId: state.trackingId,
    ownerId: state.ownerId,
    filename: state.filename,
    datasetSha256: state.datasetSha256,
    datasetSize: state.datasetSize,
    datasetColumns: state.datasetColumns ? JSON.stringify(state.datasetColumns) : null,
    modelName: state.modelName,
    modelType: state.modelType,
    problemType: state.problemType,
    target: state.target,
    hyperparameters: state.hyperparameters,
    settings: state.settings,
    status: state.status,
    progress: state.progress,
    stage: state.stage,
    error: state.error,
    mlflowRunId: state.mlflowRunId,
    modelId: state.modelId,
    modelVersion: state.modelVersion,
    version,
    resultJson: state.resultJson,
    totalChunks: state.totalChunks,
    receivedChunks: state.receivedChunks,
    attempts: state.attempts,
    cancelReason: state.cancelReason,
    cancelRequestedAt: date(state.cancelRequestedAt),
    requestedAt: date(state.requestedAt),
    createdAt: new Date(state.createdAt),
    startedAt: date(state.startedAt),
    finishedAt: date(state.finishedAt),
    lastEventAt: new Date(state.lastEventAt),
    datasetId: state.datasetId,
    sweepId: state.sweepId,
    lifecycle: JSON.stringify(state.facts),
  };
}

/** The state a row holds. Final metrics live in job_metrics; the state's `metrics` is only set by a completion. */
export function rowToState(row: TrainingJobEntity): JobState {
  return deriveJob({
    ...newJobState(row.trackingId),
    ownerId: row.ownerId,
    problemType: row.problemType,
    target: row.target,
    hyperparameters: row.hyperparameters,
    settings: row.settings,
    datasetSha256: row.datasetSha256,
    datasetSize: row.datasetSize,
    datasetColumns: row.datasetColumns ? (JSON.parse(row.datasetColumns) as string[]) : null,
    datasetId: row.datasetId,
    sweepId: row.sweepId,
    attempts: row.attempts,
    modelId: row.modelId,
    modelVersion: row.modelVersion,
    resultJson: row.resultJson,
    createdAt: row.createdAt.getTime(),
    lastEventAt: row.lastEventAt.getTime(),
    facts: row.lifecycle ? (JSON.parse(row.lifecycle) as JobFacts) : legacyFacts(row),
  });
}

/** The columns of `next` that differ from `current` (a wide job's texts are not rewritten with every event). */
export function changedColumns(current: JobRow, next: JobRow): Partial<JobRow> {
  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next) as [keyof JobRow, unknown][]) {
    const old: unknown = current[key];
    const same = value instanceof Date && old instanceof Date ? value.getTime() === old.getTime() : value === old;
    if (!same) changed[key] = value;
  }
  return changed as Partial<JobRow>;
}

/** Facts of a row written by the projection before the fold (no `lifecycle`): what its columns tell. */
function legacyFacts(row: TrainingJobEntity): JobFacts {
  const ref = (at: Date | null, eventType: string) => ({ at: ms(at) ?? row.lastEventAt.getTime(), eventId: '', eventType, sequence: 0 });
  const abortedUpload = row.status === 'failed' && row.stage === 'upload';
  const final = FINAL_STATUSES.has(row.status as JobStatus) && !abortedUpload && (!!row.requestedAt || !!row.startedAt);
  const trained = final || row.status === 'running';
  return {
    upload: {
      filename: row.filename,
      totalChunks: row.totalChunks,
      receivedChunks: row.receivedChunks,
      first: row.receivedChunks > 0 ? ref(row.createdAt, 'UploadChunkReceived') : null,
      aborted: abortedUpload
        ? { reason: (row.error ?? '').replace(/^upload aborted: /i, ''), ref: ref(row.finishedAt, 'UploadAborted') }
        : null,
      completed: null,
    },
    request: row.requestedAt
      ? {
          filename: row.filename ?? '',
          modelName: row.modelName ?? '',
          modelType: row.modelType ?? '',
          chunks: row.totalChunks ?? row.receivedChunks,
          ref: ref(row.requestedAt, 'TrainingRequested'),
        }
      : null,
    cancel: row.cancelRequestedAt ? { reason: row.cancelReason ?? '', ref: ref(row.cancelRequestedAt, 'TrainingCancelRequested') } : null,
    training: trained
      ? {
          stage: row.stage ?? 'starting',
          progress: row.progress,
          epoch: null,
          epochs: null,
          modelType: row.modelType,
          mlflowRunId: row.mlflowRunId,
          running: row.startedAt ? ref(row.startedAt, 'TrainingStarted') : null,
          outcome: final
            ? {
                status: row.status as 'completed' | 'failed' | 'cancelled',
                stage: row.status === 'completed' ? 'done' : (row.stage ?? ''),
                error: row.error,
                reason: row.status === 'cancelled' ? row.cancelReason : null,
                mlflowRunId: row.mlflowRunId,
                modelName: row.status === 'completed' ? row.modelName : null,
                ref: ref(row.finishedAt, `Training${row.status[0].toUpperCase()}${row.status.slice(1)}`),
              }
            : null,
        }
      : null,
  };
}
