import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { JOB_STATUSES, JobStatus } from '@modelstream/contracts';

/** A job's status as the API shows it (seed 000's fields first, then extras). */
export class JobStatusView {
  @ApiProperty() trackingId!: string;
  @ApiProperty({ enum: JOB_STATUSES }) status!: JobStatus;
  @ApiProperty({ description: '0-100' }) progress!: number;
  @ApiProperty({ nullable: true, type: Object, description: 'When completed: { metrics: { accuracy, f1, rmse, r2, ... }, ... }' })
  result!: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'models:/<name>/<version>, what inference takes' }) modelId!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'uploading, queued, loading, preprocessing, training, evaluating, registering, done',
  })
  stage!: string | null;
  @ApiPropertyOptional() filename?: string;
  @ApiPropertyOptional() modelName?: string;
  @ApiPropertyOptional() modelType?: string;
  @ApiPropertyOptional() problemType?: string;
  @ApiPropertyOptional() target?: string;
  @ApiPropertyOptional() modelVersion?: string;
  @ApiPropertyOptional() mlflowRunId?: string;
  @ApiPropertyOptional() receivedChunks?: number;
  @ApiPropertyOptional() totalChunks?: number;
  @ApiPropertyOptional() epoch?: number;
  @ApiPropertyOptional() epochs?: number;
  @ApiProperty({ nullable: true, type: String }) cancelRequestedAt!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ nullable: true, type: String }) requestedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) startedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) finishedAt!: string | null;
}

export class JobSummary {
  @ApiProperty() trackingId!: string;
  @ApiProperty({ enum: JOB_STATUSES }) status!: JobStatus;
  @ApiProperty() createdAt!: string;
}

export class JobList {
  @ApiProperty({ type: [JobSummary], description: 'Newest first' }) items!: JobSummary[];
  @ApiProperty({ description: 'Jobs matching the filter' }) total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Offset of the next page, null on the last one' }) nextOffset!: number | null;
}

const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));
const opt = (v: string | undefined) => (v === undefined || v === '' ? null : v);

/** Turns the Redis hash of a job into its view. */
export function toJobStatusView(hash: Record<string, string>): JobStatusView {
  let result: Record<string, unknown> | null = null;
  if (hash.result) {
    try {
      result = JSON.parse(hash.result) as Record<string, unknown>;
    } catch {
      result = null;
    }
  }
  const view: JobStatusView = {
    trackingId: hash.trackingId,
    status: (hash.status ?? 'pending') as JobStatus,
    progress: num(hash.progress) ?? 0,
    result,
    error: opt(hash.error),
    modelId: opt(hash.modelId),
    stage: opt(hash.stage),
    filename: hash.filename,
    modelName: hash.modelName,
    modelType: hash.modelType,
    problemType: hash.problemType,
    target: hash.target,
    modelVersion: hash.modelVersion,
    mlflowRunId: hash.mlflowRunId,
    receivedChunks: num(hash.receivedChunks),
    totalChunks: num(hash.totalChunks),
    epoch: num(hash.epoch),
    epochs: num(hash.epochs),
    cancelRequestedAt: opt(hash.cancelRequestedAt),
    createdAt: new Date(Number(hash.createdAt)).toISOString(),
    updatedAt: new Date(Number(hash.updatedAt)).toISOString(),
    requestedAt: opt(hash.requestedAt),
    startedAt: opt(hash.startedAt),
    finishedAt: opt(hash.finishedAt),
  };
  for (const key of Object.keys(view) as (keyof JobStatusView)[]) if (view[key] === undefined) delete view[key];
  return view;
}
