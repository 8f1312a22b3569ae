import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { JOB_STATUSES, JobState, JobStatus, ownerOf } from '@modelstream/contracts';
import { JobsPage } from '../list-jobs.query';

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
    description: 'uploading, uploaded (a dataset, no training), queued, loading, preprocessing, training, evaluating, registering, done',
  })
  stage!: string | null;
  @ApiProperty({ description: 'The owner of the API key that started the job (legacy: from before access control, or AUTH=off)' })
  ownerId!: string;
  @ApiPropertyOptional() filename?: string;
  @ApiPropertyOptional() modelName?: string;
  @ApiPropertyOptional() modelType?: string;
  @ApiPropertyOptional() problemType?: string;
  @ApiPropertyOptional() target?: string;
  @ApiPropertyOptional() modelVersion?: string;
  @ApiPropertyOptional() mlflowRunId?: string;
  @ApiPropertyOptional({ description: 'The dataset the job trains on (or the upload became)' }) datasetId?: string;
  @ApiPropertyOptional({ description: 'The sweep the job is one combination of' }) sweepId?: string;
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

/** A page of the live job list. */
export class JobList extends JobsPage {
  @ApiProperty({ type: [JobSummary], description: 'Newest first' }) items!: JobSummary[];
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** A job's state (the job-lifecycle fold's) as the status API shows it; `updatedAt` is the projector's clock. */
export function toJobStatusView(job: JobState, updatedAt: number): JobStatusView {
  const hasUpload = job.totalChunks !== null;
  const view: JobStatusView = {
    trackingId: job.trackingId,
    status: job.status,
    progress: job.progress,
    result: job.metrics ? { ...parseObject(job.resultJson), metrics: job.metrics } : null,
    error: job.error,
    modelId: job.modelId,
    stage: job.stage,
    ownerId: ownerOf(job.ownerId),
    filename: job.filename ?? undefined,
    modelName: job.modelName ?? undefined,
    modelType: job.modelType ?? undefined,
    problemType: job.problemType ?? undefined,
    target: job.target ?? undefined,
    modelVersion: job.modelVersion ?? undefined,
    mlflowRunId: job.mlflowRunId ?? undefined,
    datasetId: job.datasetId ?? undefined,
    sweepId: job.sweepId ?? undefined,
    receivedChunks: hasUpload ? job.receivedChunks : undefined,
    totalChunks: job.totalChunks ?? undefined,
    epoch: job.epoch ?? undefined,
    epochs: job.epochs ?? undefined,
    cancelRequestedAt: iso(job.cancelRequestedAt),
    createdAt: iso(job.createdAt)!,
    updatedAt: iso(updatedAt)!,
    requestedAt: iso(job.requestedAt),
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
  };
  for (const key of Object.keys(view) as (keyof JobStatusView)[]) if (view[key] === undefined) delete view[key];
  return view;
}

function parseObject(json: string | null): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json ?? '');
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
