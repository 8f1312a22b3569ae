/** POST /api/model-train/cancel: which jobs to cancel, and what happened to each. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { JOB_STATUSES, JobStatus } from '@modelstream/contracts';

/** Most jobs one bulk cancel names or selects. */
export const MAX_BULK_CANCEL = 1000;

export const BULK_CANCEL_STATUSES = ['pending', 'running'] as const;
export type BulkCancelStatus = (typeof BULK_CANCEL_STATUSES)[number];

export const BULK_CANCEL_OUTCOMES = ['cancelled', 'already_final', 'not_found'] as const;
export type BulkCancelOutcome = (typeof BULK_CANCEL_OUTCOMES)[number];

export class BulkCancelDto {
  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_BULK_CANCEL,
    description: `These jobs (at most ${MAX_BULK_CANCEL}). Alone, each one is answered, unknown ones as not_found; with other selectors, only those of them the others select too.`,
    example: ['0b6f7c1e-5d0a-4c5e-9a43-2f1d3c4b5a69'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'trackingIds must name at least one job (or leave it out)' })
  @ArrayMaxSize(MAX_BULK_CANCEL, { message: `trackingIds may name at most ${MAX_BULK_CANCEL} jobs; cancel in several calls` })
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(64, { each: true })
  trackingIds?: string[];

  @ApiPropertyOptional({ description: "The sweep's jobs", example: 'sw-3f2a9c' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  sweepId?: string;

  @ApiPropertyOptional({ enum: BULK_CANCEL_STATUSES, description: 'Only jobs with this status (without it: pending and running jobs)' })
  @IsOptional()
  @IsIn(BULK_CANCEL_STATUSES, { message: `status must be one of ${BULK_CANCEL_STATUSES.join(', ')}` })
  status?: BulkCancelStatus;

  @ApiPropertyOptional({ description: 'Only jobs created before this time (ISO 8601)', example: '2026-11-30T12:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'createdBefore must be an ISO 8601 time, e.g. 2026-11-30T12:00:00Z' })
  createdBefore?: string;

  @ApiPropertyOptional({ description: 'Why the jobs are cancelled (kept with each job)', example: 'wrong dataset' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class BulkCancelResult {
  @ApiProperty()
  trackingId!: string;

  @ApiProperty({
    enum: BULK_CANCEL_OUTCOMES,
    description: 'cancelled: the cancel is published; already_final: the job had ended; not_found: no such job',
  })
  outcome!: BulkCancelOutcome;

  @ApiProperty({
    enum: JOB_STATUSES,
    nullable: true,
    type: String,
    description: "The job's status after the request (a running job stays running until its trainer stops it); null when not found",
  })
  status!: JobStatus | null;
}

export class BulkCancelAnswer {
  @ApiProperty({ type: [BulkCancelResult], description: 'One entry per selected job, oldest first (named jobs in the order given)' })
  results!: BulkCancelResult[];

  @ApiProperty({ description: 'How many jobs this request cancelled', example: 3 })
  cancelled!: number;

  @ApiProperty({ description: `More than ${MAX_BULK_CANCEL} jobs matched: the rest are left; send the same request again` })
  truncated!: boolean;
}
