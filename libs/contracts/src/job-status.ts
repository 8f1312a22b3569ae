/** The states of a training job, as the status API shows them. */
export const JOB_STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const FINAL_STATUSES: ReadonlySet<JobStatus> = new Set(['completed', 'failed', 'cancelled']);

/** Upload limits shared by the ingest app and its tests. */
export const UPLOAD_LIMITS = {
  maxFileBytes: 25 * 1024 * 1024,
} as const;
