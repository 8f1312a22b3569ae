/**
 * One vocabulary for listing jobs, shared by the live status (GET /api/model-train/status, Redis) and the
 * durable history (GET /api/model-train/jobs, MariaDB): the same filters and one pagination model, which
 * takes either form a client uses — `limit`/`offset` or `page`/`pageSize` — and answers in both.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { InvalidInputError, JOB_STATUSES, JobStatus } from '@modelstream/contracts';

export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 50;
/** The deepest a list pages (offset); past it a page could only be empty, and the database would be asked for it anyway. */
export const MAX_OFFSET = 1_000_000_000;
export const MAX_PAGE = MAX_OFFSET / MAX_PAGE_SIZE;

export class ListJobsQuery {
  @ApiPropertyOptional({ enum: JOB_STATUSES, description: 'Only jobs with this status' })
  @IsOptional()
  @IsIn(JOB_STATUSES, { message: `status must be one of ${JOB_STATUSES.join(', ')}` })
  status?: JobStatus;

  @ApiPropertyOptional({ description: 'A model registry key, e.g. logistic_regression (history only)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  modelType?: string;

  @ApiPropertyOptional({ description: 'Exact filename of the uploaded CSV (history only)' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  filename?: string;

  @ApiPropertyOptional({ description: 'Only jobs trained on this dataset (GET /api/datasets; history only)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  datasetId?: string;

  @ApiPropertyOptional({ description: 'Jobs created at or after this time (ISO 8601)' })
  @IsOptional()
  @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ description: 'Jobs created before this time (ISO 8601)' })
  @IsOptional()
  @IsISO8601()
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE, description: 'Jobs per page (same as pageSize)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_OFFSET, default: 0, description: 'Jobs to skip (or use page)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_OFFSET)
  offset?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1, description: '1-based page of pageSize jobs (or use offset)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE, description: 'Jobs per page (same as limit)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;
}

/** A list request resolved: filters as values, and the window of jobs to return. */
export interface JobsSelection {
  status?: JobStatus;
  modelType?: string;
  filename?: string;
  datasetId?: string;
  /** created at or after */
  from?: Date;
  /** created before */
  to?: Date;
  /** Only this owner's jobs (a caller that is not an admin sees only its own). */
  ownerId?: string;
  offset: number;
  limit: number;
}

/** Turns a query into a selection; contradictory paging or times are a 400 that says why. */
export function selectJobs(query: ListJobsQuery): JobsSelection {
  if (query.limit !== undefined && query.pageSize !== undefined && query.limit !== query.pageSize) {
    throw new InvalidInputError(`'limit' (${query.limit}) and 'pageSize' (${query.pageSize}) differ: give one of them.`);
  }
  if (query.offset !== undefined && query.page !== undefined) {
    throw new InvalidInputError("Give either 'offset' or 'page', not both.");
  }
  const limit = query.pageSize ?? query.limit ?? DEFAULT_PAGE_SIZE;
  const from = query.from ? new Date(query.from) : undefined;
  const to = query.to ? new Date(query.to) : undefined;
  if (from && to && from.getTime() > to.getTime()) throw new InvalidInputError(`'from' (${query.from}) is after 'to' (${query.to}).`);
  return {
    status: query.status,
    modelType: query.modelType,
    filename: query.filename,
    datasetId: query.datasetId,
    from,
    to,
    limit,
    offset: query.offset ?? ((query.page ?? 1) - 1) * limit,
  };
}

/** Where a page sits in the list, in both vocabularies. */
export class JobsPage {
  @ApiProperty({ description: 'Jobs matching the filters' }) total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Offset of the next page, null on the last one' }) nextOffset!: number | null;
  @ApiProperty({ description: '1-based page number (offset / pageSize + 1)' }) page!: number;
  @ApiProperty({ description: 'Same as limit' }) pageSize!: number;
}

export function jobsPage(window: Pick<JobsSelection, 'offset' | 'limit'>, total: number, returned: number): JobsPage {
  const { offset, limit } = window;
  return {
    total,
    limit,
    offset,
    nextOffset: offset + returned < total ? offset + returned : null,
    page: Math.floor(offset / limit) + 1,
    pageSize: limit,
  };
}
