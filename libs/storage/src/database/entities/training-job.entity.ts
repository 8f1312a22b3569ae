import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** MariaDB BIGINT comes back as a string; our values (sizes, sequences) stay below 2^53. */
export const bigintAsNumber = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? null : Number(value)),
};

/**
 * One row per training job: the job-lifecycle fold's state over every event of the job (upload, request,
 * control, training). Every column is derived from events only (no wall-clock of the projector), so a replay
 * rebuilds it equal. Texts a user decides the length of are LONGTEXT.
 */
@Entity({ name: 'training_jobs' })
@Index('idx_training_jobs_status_created', ['status', 'createdAt'])
// The job list's order, newest first: the migration creates created_at DESC (TypeORM declares no direction).
@Index('idx_training_jobs_created', ['createdAt'])
@Index('idx_training_jobs_model_type_status_created', ['modelType', 'status', 'createdAt'])
@Index('idx_training_jobs_filename', ['filename'])
@Index('idx_training_jobs_dataset_version', ['datasetSha256', 'modelType', 'requestedAt'])
@Index('idx_training_jobs_status_last_event', ['status', 'lastEventAt'])
@Index('idx_training_jobs_dataset', ['datasetId', 'status'])
@Index('idx_training_jobs_sweep', ['sweepId'])
// One owner's jobs, newest first (created_at DESC in the migration).
@Index('idx_training_jobs_owner_created', ['ownerId', 'createdAt'])
@Check('ck_training_jobs_progress', 'progress BETWEEN 0 AND 100')
@Check('ck_training_jobs_total_chunks', 'total_chunks IS NULL OR total_chunks >= 1')
@Check('ck_training_jobs_received_chunks', 'received_chunks >= 0')
@Check('ck_training_jobs_attempts', 'attempts >= 0')
@Check('ck_training_jobs_dataset_size', 'dataset_size IS NULL OR dataset_size >= 0')
export class TrainingJobEntity {
  @PrimaryColumn({ name: 'tracking_id', type: 'varchar', length: 64 })
  trackingId!: string;

  /** Who the job belongs to (the events' ownerId; legacy before access control). */
  @Column({ name: 'owner_id', type: 'varchar', length: 128, default: 'legacy' })
  ownerId!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  filename!: string | null;

  @Column({ name: 'dataset_sha256', type: 'char', length: 64, nullable: true })
  datasetSha256!: string | null;

  @Column({ name: 'dataset_size', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  datasetSize!: number | null;

  /** JSON array of the CSV header's column names. */
  @Column({ name: 'dataset_columns', type: 'longtext', nullable: true })
  datasetColumns!: string | null;

  @Column({ name: 'model_name', type: 'varchar', length: 255, nullable: true })
  modelName!: string | null;

  @Column({ name: 'model_type', type: 'varchar', length: 64, nullable: true })
  modelType!: string | null;

  @Column({ name: 'problem_type', type: 'varchar', length: 32, nullable: true })
  problemType!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  target!: string | null;

  /** JSON object: the validated hyperparameters of the request (defaults merged). */
  @Column({ type: 'longtext', nullable: true })
  hyperparameters!: string | null;

  /** JSON object: what the trainer reported when it started (effective params, backend, column roles...). */
  @Column({ type: 'longtext', nullable: true })
  settings!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ type: 'int', default: 0 })
  progress!: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  stage!: string | null;

  @Column({ type: 'longtext', nullable: true })
  error!: string | null;

  @Column({ name: 'mlflow_run_id', type: 'varchar', length: 64, nullable: true })
  mlflowRunId!: string | null;

  /** `models:/<name>/<version>`: what inference takes. */
  @Column({ name: 'model_id', type: 'varchar', length: 255, nullable: true })
  modelId!: string | null;

  /** The MLflow registry's version of the registered model. */
  @Column({ name: 'model_version', type: 'varchar', length: 32, nullable: true })
  modelVersion!: string | null;

  /** 1, 2, 3... per (dataset checksum, model type), in the order of the training requests. */
  @Column({ type: 'int', nullable: true })
  version!: number | null;

  /** JSON object: extra results of a completed training (confusion matrix, labels, row counts). */
  @Column({ name: 'result_json', type: 'longtext', nullable: true })
  resultJson!: string | null;

  @Column({ name: 'total_chunks', type: 'int', nullable: true })
  totalChunks!: number | null;

  @Column({ name: 'received_chunks', type: 'int', default: 0 })
  receivedChunks!: number;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'cancel_reason', type: 'longtext', nullable: true })
  cancelReason!: string | null;

  @Column({ name: 'cancel_requested_at', type: 'datetime', precision: 3, nullable: true })
  cancelRequestedAt!: Date | null;

  @Column({ name: 'requested_at', type: 'datetime', precision: 3, nullable: true })
  requestedAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'started_at', type: 'datetime', precision: 3, nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'datetime', precision: 3, nullable: true })
  finishedAt!: Date | null;

  /** Time of the newest event of the job (the watchdog's clock). */
  @Column({ name: 'last_event_at', type: 'datetime', precision: 3 })
  lastEventAt!: Date;

  /** The dataset the job trains on (or its upload became). */
  @Column({ name: 'dataset_id', type: 'varchar', length: 64, nullable: true })
  datasetId!: string | null;

  /** The sweep the job is one combination of. */
  @Column({ name: 'sweep_id', type: 'varchar', length: 64, nullable: true })
  sweepId!: string | null;

  /** JSON: the per-topic facts the derived columns come from (the fold's `facts`); null on rows of older projections. */
  @Column({ type: 'longtext', nullable: true })
  lifecycle!: string | null;
}
