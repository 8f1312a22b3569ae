/**
 * The answers of the job history API (what JobHistoryService returns), as documented in the OpenAPI document. Named apart from the live status API's JobSummary: one schema name, one shape.
 */
import { ApiProperty } from '@nestjs/swagger';
import { JOB_STATUSES } from '@modelstream/contracts';
import { JobsPage } from '../list-jobs.query';

const nullableString = { nullable: true, type: String } as const;

export class JobHistorySummary {
  @ApiProperty() trackingId!: string;
  @ApiProperty(nullableString) filename!: string | null;
  @ApiProperty(nullableString) modelName!: string | null;
  @ApiProperty({ ...nullableString, example: 'logistic_regression' }) modelType!: string | null;
  @ApiProperty({ enum: JOB_STATUSES }) status!: string;
  @ApiProperty({ description: '0-100' }) progress!: number;
  @ApiProperty({ ...nullableString, description: 'uploading, queued, loading, preprocessing, training, evaluating, registering, done' })
  stage!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Version number per (dataset, model type)' }) version!: number | null;
  @ApiProperty({ ...nullableString, description: 'models:/<name>/<version>, what inference takes' }) modelId!: string | null;
  @ApiProperty(nullableString) error!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ ...nullableString, format: 'date-time' }) startedAt!: string | null;
  @ApiProperty({ ...nullableString, format: 'date-time' }) finishedAt!: string | null;
  @ApiProperty({ ...nullableString, description: 'The dataset the job trains on (or the upload became)' }) datasetId!: string | null;
  @ApiProperty({ ...nullableString, description: 'The sweep the job is one combination of' }) sweepId!: string | null;
}

/** A page of the job history. */
export class JobHistoryPage extends JobsPage {
  @ApiProperty({ type: [JobHistorySummary], description: 'Newest first' }) items!: JobHistorySummary[];
}

export class JobHistoryDataset {
  @ApiProperty(nullableString) sha256!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Bytes' }) size!: number | null;
  @ApiProperty({ nullable: true, type: [String] }) columns!: string[] | null;
}

export class JobHistorySettings {
  @ApiProperty(nullableString) modelName!: string | null;
  @ApiProperty(nullableString) modelType!: string | null;
  @ApiProperty({ ...nullableString, enum: ['classification', 'regression'] }) problemType!: string | null;
  @ApiProperty(nullableString) target!: string | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: 'The hyperparameters asked for' })
  hyperparameters!: unknown;
  @ApiProperty({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description: 'What the trainer reported when it started: effective params, backend, column roles',
  })
  training!: unknown;
}

export class JobHistoryUpload {
  @ApiProperty() receivedChunks!: number;
  @ApiProperty({ nullable: true, type: Number }) totalChunks!: number | null;
}

export class JobHistoryCancel {
  @ApiProperty(nullableString) reason!: string | null;
  @ApiProperty({ ...nullableString, format: 'date-time' }) requestedAt!: string | null;
}

export class JobHistoryTransition {
  @ApiProperty({ enum: JOB_STATUSES }) status!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ example: 'TrainingStarted' }) eventType!: string;
}

export class JobHistoryEpoch {
  @ApiProperty() epoch!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number', nullable: true }, example: { loss: 0.41, val_loss: 0.44 } })
  metrics!: Record<string, number | null>;
}

/** A job's full life. */
export class JobHistoryDetail extends JobHistorySummary {
  @ApiProperty({ type: JobHistoryDataset }) dataset!: JobHistoryDataset;
  @ApiProperty({ type: JobHistorySettings }) settings!: JobHistorySettings;
  @ApiProperty({ type: JobHistoryUpload }) upload!: JobHistoryUpload;
  @ApiProperty({ description: 'Training attempts (more than 1 after a trainer took over a dead one)' }) attempts!: number;
  @ApiProperty(nullableString) mlflowRunId!: string | null;
  @ApiProperty(nullableString) modelVersion!: string | null;
  @ApiProperty({ type: JobHistoryCancel, nullable: true, description: 'null when no cancel was asked' }) cancel!: JobHistoryCancel | null;
  @ApiProperty({ ...nullableString, format: 'date-time' }) requestedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) lastEventAt!: string;
  @ApiProperty({ type: [JobHistoryTransition] }) transitions!: JobHistoryTransition[];
  @ApiProperty({ type: [JobHistoryEpoch], description: 'Per-epoch metrics, in epoch order' }) epochs!: JobHistoryEpoch[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number', nullable: true },
    example: { accuracy: 0.93, f1: 0.92 },
    description: 'Final validation metrics',
  })
  metrics!: Record<string, number | null>;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: "The trainer's result (null until completed)" })
  result!: unknown;
}
