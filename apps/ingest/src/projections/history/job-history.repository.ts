/**
 * The job history in MariaDB, behind one class (TypeORM on mysql2). Writes go through `applyEvent`: one
 * transaction per event that checks the applied-event cursor of (job, topic), locks the job row, applies the
 * projection's rules and records the cursor, so a redelivered or replayed event changes nothing.
 */
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DependencyUnavailableError } from '@modelstream/contracts';
import { JobEventCursorEntity, JobMetricEntity, JobStatusTransitionEntity, TrainingJobEntity } from '@modelstream/storage';
import { JobChange, JobRow, newJobRow } from './job-history.reducer';

export interface AppliedEventRef {
  trackingId: string;
  topic: string;
  sequence: number;
  eventId: string;
  at: Date;
}

export interface JobListFilter {
  status?: string;
  modelType?: string;
  filename?: string;
  /** created at or after */
  from?: Date;
  /** created before */
  to?: Date;
}

export interface JobHistoryRecord {
  job: TrainingJobEntity;
  transitions: JobStatusTransitionEntity[];
  metrics: JobMetricEntity[];
}

/** MariaDB errors after which the whole transaction can simply run again. */
const RETRYABLE_ERRNOS = new Set([1213 /* deadlock */, 1205 /* lock wait timeout */, 1062 /* duplicate key: a racing insert */]);
const STATUS_ORDER = ['pending', 'running', 'completed', 'failed', 'cancelled'];

@Injectable()
export class JobHistoryRepository {
  private readonly logger = new Logger(JobHistoryRepository.name);

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Applies one event in one transaction. Returns false when the cursor shows it was already applied.
   * `reduce` turns the locked job row (or a new one) into the change to write.
   */
  async applyEvent(ref: AppliedEventRef, reduce: (job: JobRow) => JobChange): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction((em) => this.applyInTransaction(em, ref, reduce));
      } catch (error) {
        if (attempt >= 10 || !RETRYABLE_ERRNOS.has(errnoOf(error))) throw error;
        this.logger.debug({ trackingId: ref.trackingId, attempt, errno: errnoOf(error), msg: 'transaction conflict, retrying' });
        await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
      }
    }
  }

  private async applyInTransaction(em: EntityManager, ref: AppliedEventRef, reduce: (job: JobRow) => JobChange): Promise<boolean> {
    const cursor = await em
      .createQueryBuilder(JobEventCursorEntity, 'c')
      .setLock('pessimistic_write')
      .where('c.trackingId = :trackingId AND c.topic = :topic', { trackingId: ref.trackingId, topic: ref.topic })
      .getOne();
    if (cursor && cursor.lastSequence >= ref.sequence) return false;

    const existing = await em
      .createQueryBuilder(TrainingJobEntity, 'j')
      .setLock('pessimistic_write')
      .where('j.trackingId = :trackingId', { trackingId: ref.trackingId })
      .getOne();
    const change = reduce(existing ?? newJobRow(ref.trackingId, ref.at));
    const job = change.job;
    if (change.requested && job.datasetSha256 && job.modelType && job.requestedAt) job.version = await this.assignVersion(em, job);

    if (existing) await em.update(TrainingJobEntity, { trackingId: job.trackingId }, withoutKey(job));
    else await em.insert(TrainingJobEntity, job);

    if (change.transition) {
      const t = change.transition;
      // Keeps the earliest event per status (ties: the smaller event id), whatever order they are applied in.
      await em.query(
        `INSERT INTO job_status_transitions (tracking_id, status, at, event_id, event_type, sequence) VALUES (?, ?, ?, ?, ?, ?)
         ON DUPLICATE KEY UPDATE
           event_type = IF((VALUES(at), VALUES(event_id)) < (at, event_id), VALUES(event_type), event_type),
           sequence = IF((VALUES(at), VALUES(event_id)) < (at, event_id), VALUES(sequence), sequence),
           event_id = IF((VALUES(at), VALUES(event_id)) < (at, event_id), VALUES(event_id), event_id),
           at = LEAST(at, VALUES(at))`,
        [job.trackingId, t.status, t.at, t.eventId, t.eventType, t.sequence],
      );
    }
    if (change.metrics.length > 0) {
      const values = change.metrics.map(() => '(?, ?, ?, ?, ?)').join(', ');
      await em.query(
        `INSERT INTO job_metrics (tracking_id, kind, name, step, value) VALUES ${values} ON DUPLICATE KEY UPDATE value = VALUES(value)`,
        change.metrics.flatMap((m) => [job.trackingId, m.kind, m.name.slice(0, 128), m.step, m.value]),
      );
    }
    if (cursor) {
      await em.update(
        JobEventCursorEntity,
        { trackingId: ref.trackingId, topic: ref.topic },
        { lastSequence: ref.sequence, lastEventId: ref.eventId, appliedEvents: cursor.appliedEvents + 1 },
      );
    } else {
      await em.insert(JobEventCursorEntity, {
        trackingId: ref.trackingId,
        topic: ref.topic,
        lastSequence: ref.sequence,
        lastEventId: ref.eventId,
        appliedEvents: 1,
      });
    }
    return true;
  }

  /**
   * Versions count 1, 2, 3... per (dataset checksum, model type) in the order of the requests' times (ties:
   * trackingId). A request applied late (replay across partitions) takes its place and shifts later ones, so
   * the numbering does not depend on the order events are applied in.
   */
  private async assignVersion(em: EntityManager, job: JobRow): Promise<number> {
    // Lock the whole (dataset, model type) group at once, in index order: concurrent requests of one group
    // then queue behind each other instead of deadlocking on each other's ranges.
    const group = (await em.query(
      `SELECT tracking_id, requested_at FROM training_jobs
        WHERE dataset_sha256 = ? AND model_type = ? AND requested_at IS NOT NULL FOR UPDATE`,
      [job.datasetSha256, job.modelType],
    )) as Array<{ tracking_id: string; requested_at: Date }>;
    const at = job.requestedAt!.getTime();
    const before = (r: { tracking_id: string; requested_at: Date }) =>
      r.requested_at.getTime() < at || (r.requested_at.getTime() === at && r.tracking_id < job.trackingId);
    const earlier = group.filter((r) => r.tracking_id !== job.trackingId && before(r)).length;
    if (group.some((r) => r.tracking_id !== job.trackingId && !before(r))) {
      await em.query(
        `UPDATE training_jobs SET version = version + 1
          WHERE dataset_sha256 = ? AND model_type = ? AND tracking_id <> ? AND version IS NOT NULL
            AND (requested_at > ? OR (requested_at = ? AND tracking_id > ?))`,
        [job.datasetSha256, job.modelType, job.trackingId, job.requestedAt, job.requestedAt, job.trackingId],
      );
    }
    return earlier + 1;
  }

  list(filter: JobListFilter, page: number, pageSize: number): Promise<{ rows: TrainingJobEntity[]; total: number }> {
    return reading(() => this.listRows(filter, page, pageSize));
  }

  private async listRows(filter: JobListFilter, page: number, pageSize: number): Promise<{ rows: TrainingJobEntity[]; total: number }> {
    const qb = this.dataSource.getRepository(TrainingJobEntity).createQueryBuilder('j');
    if (filter.status) qb.andWhere('j.status = :status', { status: filter.status });
    if (filter.modelType) qb.andWhere('j.modelType = :modelType', { modelType: filter.modelType });
    if (filter.filename) qb.andWhere('j.filename = :filename', { filename: filter.filename });
    if (filter.from) qb.andWhere('j.createdAt >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('j.createdAt < :to', { to: filter.to });
    const [rows, total] = await qb
      .orderBy('j.createdAt', 'DESC')
      .addOrderBy('j.trackingId', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { rows, total };
  }

  get(trackingId: string): Promise<JobHistoryRecord | null> {
    return reading(() => this.getRecord(trackingId));
  }

  private async getRecord(trackingId: string): Promise<JobHistoryRecord | null> {
    const job = await this.dataSource.getRepository(TrainingJobEntity).findOneBy({ trackingId });
    if (!job) return null;
    const [transitions, metrics] = await Promise.all([
      this.dataSource.getRepository(JobStatusTransitionEntity).find({ where: { trackingId } }),
      this.dataSource.getRepository(JobMetricEntity).find({ where: { trackingId }, order: { kind: 'ASC', step: 'ASC', name: 'ASC' } }),
    ]);
    transitions.sort((a, b) => a.at.getTime() - b.at.getTime() || STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status));
    return { job, transitions, metrics };
  }

  /** The highest sequence applied for a job on a topic (0 when none). */
  async lastSequence(trackingId: string, topic: string): Promise<number> {
    const cursor = await this.dataSource.getRepository(JobEventCursorEntity).findOneBy({ trackingId, topic });
    return cursor?.lastSequence ?? 0;
  }

  /** Jobs `running` whose newest event is older than `before` (the watchdog's candidates). */
  async findStaleRunning(before: Date, trackingIdPrefix = '', limit = 100): Promise<TrainingJobEntity[]> {
    const qb = this.dataSource
      .getRepository(TrainingJobEntity)
      .createQueryBuilder('j')
      .where('j.status = :status AND j.lastEventAt < :before', { status: 'running', before });
    if (trackingIdPrefix) qb.andWhere('j.trackingId LIKE :prefix', { prefix: `${trackingIdPrefix.replace(/[\\%_]/g, '\\$&')}%` });
    return qb.orderBy('j.lastEventAt', 'ASC').take(limit).getMany();
  }
}

function withoutKey(job: JobRow): Omit<JobRow, 'trackingId'> {
  const { trackingId: _key, ...rest } = job;
  return rest;
}

/** A read while MariaDB is unreachable answers 503 (retry later), not 500. */
async function reading<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const code = (error as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (error as { code?: string }).code;
    if (code && /ECONNREFUSED|ECONNRESET|ETIMEDOUT|PROTOCOL_CONNECTION_LOST|ER_CON_COUNT_ERROR|EPIPE/.test(code)) {
      throw new DependencyUnavailableError('mariadb', `The job history database cannot be reached (${code}). Retry in a moment.`);
    }
    throw error;
  }
}

function errnoOf(error: unknown): number {
  const e = error as { errno?: number; driverError?: { errno?: number } };
  return e?.driverError?.errno ?? e?.errno ?? 0;
}
