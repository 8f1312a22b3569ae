/** GET /api/audit: the audit trail, newest first, for admins. */
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { NeedsScope } from '@modelstream/auth';
import { ApiErrorResponses } from '@modelstream/platform';
import { AuditEventEntity, readingDatabase } from '@modelstream/storage';

export class AuditQuery {
  @ApiPropertyOptional({
    description: 'Only this action (key.created, key.revoked, job.cancelled, dead-letters.republished, alias.set, alias.deleted)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  action?: string;

  @ApiPropertyOptional({ description: 'Only what this owner/keyId (or cli) did' })
  @IsOptional()
  @IsString()
  @MaxLength(160)
  actor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}

export class AuditEntryView {
  @ApiProperty() eventId!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ example: 'job.cancelled' }) action!: string;
  @ApiProperty({ description: 'owner/keyId of the key that acted, or cli', example: 'ops/4f1c2a9be0d3c771' }) actor!: string;
  @ApiProperty({ description: 'What was acted upon: a key id, a trackingId, name@alias, dead letters' }) target!: string;
  @ApiProperty({ description: 'The owner of what was acted upon' }) ownerId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
}

export class AuditPage {
  @ApiProperty({ type: [AuditEntryView], description: 'Newest first' }) items!: AuditEntryView[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

@ApiTags('access')
@NeedsScope('admin')
@Controller('api/audit')
export class AuditController {
  constructor(private readonly ds: DataSource) {}

  @Get()
  @ApiOperation({
    summary: 'The audit trail: who created or revoked keys, cancelled others’ jobs, republished dead letters, moved aliases',
  })
  @ApiOkResponse({ type: AuditPage })
  @ApiErrorResponses({ 400: 'A filter or paging value is invalid', 503: 'MariaDB is unreachable; retry after Retry-After seconds' })
  async list(@Query() query: AuditQuery): Promise<AuditPage> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const where = { ...(query.action ? { action: query.action } : {}), ...(query.actor ? { actor: query.actor } : {}) };
    const [rows, total] = await readingDatabase(
      () =>
        this.ds.getRepository(AuditEventEntity).findAndCount({ where, order: { at: 'DESC', eventId: 'ASC' }, take: limit, skip: offset }),
      'The audit trail',
    );
    const items = rows.map((r) => ({
      eventId: r.eventId,
      at: r.at.toISOString(),
      action: r.action,
      actor: r.actor,
      target: r.target,
      ownerId: r.ownerId,
      details: (r.detailsJson ? JSON.parse(r.detailsJson) : {}) as Record<string, unknown>,
    }));
    return { items, total, limit, offset };
  }
}
