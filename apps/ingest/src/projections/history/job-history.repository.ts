/**
 * The job history in MariaDB, behind one class (TypeORM on mysql2). Writes go through `applyEvent`: one
 * transaction per event that locks the job row with the applied-event cursor of (job, topic) in one read, folds the
 * event into the row's state (the job-lifecycle fold) and writes the new state, its status transitions, its
 * metrics and the cursor, so a redelivered or replayed event changes nothing. `applyEvents` does the same for a
 * batch of events in one transaction with multi-row statements (job-history.batch.ts).
 *
 * Failures are classified: a lock conflict runs the transaction again; a row MariaDB refuses for its content
 * (too long, truncated, null, a constraint) can never be stored by retrying, so it is a PermanentEventError
 * (the consumer dead-letters the event at once, a replay skips it); anything else (the database is away)
 * goes up to the consumer's bounded, durable retries.
 */
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { JOB_STATUS_RANK, JobState, JobStatus, JobTransition, newJobState } from '@modelstream/contracts';
import { errorMessage, PermanentEventError } from '@modelstream/kafka';
import { retry } from '@modelstream/resilience';
import {
  CONFLICT_RETRY,
  errnoOf,
  JobEventCursorEntity,
  JobMetricEntity,
  JobStatusTransitionEntity,
  LazyDataSource,
  MetricKind,
  PERMANENT_ERRNOS,
  readingDatabase,
  TrainingJobEntity,
} from '@modelstream/storage';
import { ApplyStages, noStages } from '../job-batch';
import { JobsSelection } from '../list-jobs.query';
import { applyHistoryBatch, HistoryBatchItem } from './job-history.batch';
import { changedColumns, rowToState, stateToRow } from './job-history.row';
import { lockVersionGroups } from './job-history.versions';

export interface AppliedEventRef {
  trackingId: string;
  topic: string;
  sequence: number;
  eventId: string;
  /** Apply only right after the topic's previous sequence (a writer's read-after-write apply; see JobHistoryProjection). */
  inOrder?: boolean;
}

export interface MetricRow {
  kind: MetricKind;
  name: string;
  step: number;
  value: number | null;
}

/** What one event does to a job: its new state and the metric values to record. */
export interface JobChange {
  state: JobState;
  metrics: MetricRow[];
}

export interface JobHistoryRecord {
  job: TrainingJobEntity;
  transitions: JobStatusTransitionEntity[];
  metrics: JobMetricEntity[];
}

/** A locked job row with the cursor of the event's topic (null before the job's first event on that topic). */
type LockedJob = TrainingJobEntity & { cursor: JobEventCursorEntity | null };

/** What a 503 says cannot be reached. */
const HISTORY = 'The job history database';

@Injectable()
export class JobHistoryRepository implements OnApplicationShutdown {
  private readonly logger = new Logger(JobHistoryRepository.name);
  /** The batch writes' pool: a transaction's statements in two round trips (job-history.batch.ts). */
  private readonly batches: LazyDataSource;

  constructor(private readonly dataSource: DataSource) {
    this.batches = LazyDataSource.multiStatement(dataSource);
  }

  /** Closes the batch writes' pool (the main DataSource is its owner's to close). */
  async close(): Promise<void> {
    await this.batches.close();
  }

  onApplicationShutdown(): Promise<void> {
    return this.close();
  }

  /**
   * Applies one event in one transaction. Returns false when the cursor shows it was already applied.
   * `change` turns the locked job's state (or a new job's) into what the event makes of it.
   */
  async applyEvent(ref: AppliedEventRef, change: (before: JobState) => JobChange): Promise<boolean> {
    try {
      return await retry(() => this.dataSource.transaction((em) => this.applyInTransaction(em, ref, change)), {
        ...CONFLICT_RETRY,
        onRetry: (error, attempt) =>
          this.logger.debug({ trackingId: ref.trackingId, attempt, errno: errnoOf(error), msg: 'transaction conflict, retrying' }),
      });
    } catch (error) {
      if (!PERMANENT_ERRNOS.has(errnoOf(error))) throw error;
      throw new PermanentEventError(
        `the job history cannot store event ${ref.eventId} of ${ref.trackingId} (${ref.topic}, sequence ${ref.sequence}): ` +
          `${errorMessage(error)} (MariaDB errno ${errnoOf(error)})`,
      );
    }
  }

  /** Applies many events in one transaction (see job-history.batch.ts); per event, whether it changed the history. */
  async applyEvents(items: HistoryBatchItem[], stages: ApplyStages = noStages()): Promise<boolean[]> {
    return applyHistoryBatch(await this.batches.get(), items, stages);
  }

  private async applyInTransaction(em: EntityManager, ref: AppliedEventRef, change: (before: JobState) => JobChange): Promise<boolean> {
    // One locking read for the job row and its cursor on this topic (a job's cursors are written with its row).
    const job = (await em
      .createQueryBuilder(TrainingJobEntity, 'j')
      .leftJoinAndMapOne('j.cursor', JobEventCursorEntity, 'c', 'c.trackingId = j.trackingId AND c.topic = :topic', { topic: ref.topic })
      .setLock('pessimistic_write')
      .where('j.trackingId = :trackingId', { trackingId: ref.trackingId })
      .getOne()) as LockedJob | null;
    const cursor = job?.cursor ?? null;
    if (cursor && cursor.lastSequence >= ref.sequence) return false;
    if (ref.inOrder && (cursor?.lastSequence ?? 0) !== ref.sequence - 1) return false;
    const before = job ? rowToState(job) : newJobState(ref.trackingId);
    const { state, metrics } = change(before);
    let version = job?.version ?? null;
    if (state.requestedAt !== null && before.requestedAt === null && state.datasetSha256 && state.modelType) {
      version = await this.assignVersion(em, state);
    }
    const row = stateToRow(state, version);
    if (!job) await em.insert(TrainingJobEntity, row);
    else {
      const changed = changedColumns(job, row);
      if (Object.keys(changed).length > 0) await em.update(TrainingJobEntity, { trackingId: ref.trackingId }, changed);
    }
    await this.syncTransitions(em, ref.trackingId, before.transitions, state.transitions);
    if (metrics.length > 0) {
      const values = metrics.map(() => '(?, ?, ?, ?, ?)').join(', ');
      await em.query(
        `INSERT INTO job_metrics (tracking_id, kind, name, step, value) VALUES ${values} ON DUPLICATE KEY UPDATE value = VALUES(value)`,
        metrics.flatMap((m) => [ref.trackingId, m.kind, m.name.slice(0, 128), m.step, m.value]),
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

  /** Makes the job's transition rows those of its state: when it entered each status, and by which event. */
  private async syncTransitions(em: EntityManager, trackingId: string, before: JobTransition[], after: JobTransition[]): Promise<void> {
    const same = (a: JobTransition, b: JobTransition | undefined) =>
      !!b && a.at === b.at && a.eventId === b.eventId && a.eventType === b.eventType && a.sequence === b.sequence;
    for (const t of after) {
      if (
        same(
          t,
          before.find((b) => b.status === t.status),
        )
      )
        continue;
      await em.query(
        `INSERT INTO job_status_transitions (tracking_id, status, at, event_id, event_type, sequence) VALUES (?, ?, ?, ?, ?, ?)
         ON DUPLICATE KEY UPDATE at = VALUES(at), event_id = VALUES(event_id), event_type = VALUES(event_type), sequence = VALUES(sequence)`,
        [trackingId, t.status, new Date(t.at), t.eventId, t.eventType, t.sequence],
      );
    }
    const gone = before.filter((b) => !after.some((t) => t.status === b.status)).map((b) => b.status);
    if (gone.length > 0) await em.query('DELETE FROM job_status_transitions WHERE tracking_id = ? AND status IN (?)', [trackingId, gone]);
  }

  /**
   * Versions count 1, 2, 3... per (dataset checksum, model type) in the order of the requests' times (ties:
   * trackingId). A request applied late (replay across partitions) takes its place and shifts later ones, so
   * the numbering does not depend on the order events are applied in.
   */
  private async assignVersion(em: EntityManager, job: JobState): Promise<number> {
    // Take the group, then lock its rows at once: concurrent requests of one group queue behind each other.
    await lockVersionGroups(em, [[job.datasetSha256!, job.modelType!]]);
    const group = (await em.query(
      `SELECT tracking_id, requested_at FROM training_jobs
        WHERE dataset_sha256 = ? AND model_type = ? AND requested_at IS NOT NULL FOR UPDATE`,
      [job.datasetSha256, job.modelType],
    )) as Array<{ tracking_id: string; requested_at: Date }>;
    const at = job.requestedAt!;
    const requestedAt = new Date(at);
    const before = (r: { tracking_id: string; requested_at: Date }) =>
      r.requested_at.getTime() < at || (r.requested_at.getTime() === at && r.tracking_id < job.trackingId);
    const earlier = group.filter((r) => r.tracking_id !== job.trackingId && before(r)).length;
    if (group.some((r) => r.tracking_id !== job.trackingId && !before(r))) {
      await em.query(
        `UPDATE training_jobs SET version = version + 1
          WHERE dataset_sha256 = ? AND model_type = ? AND tracking_id <> ? AND version IS NOT NULL
            AND (requested_at > ? OR (requested_at = ? AND tracking_id > ?))`,
        [job.datasetSha256, job.modelType, job.trackingId, requestedAt, requestedAt, job.trackingId],
      );
    }
    return earlier + 1;
  }

  list(selection: JobsSelection): Promise<{ rows: TrainingJobEntity[]; total: number }> {
    return readingDatabase(() => this.listRows(selection), HISTORY);
  }

  private async listRows(selection: JobsSelection): Promise<{ rows: TrainingJobEntity[]; total: number }> {
    const qb = this.dataSource.getRepository(TrainingJobEntity).createQueryBuilder('j');
    if (selection.status) qb.andWhere('j.status = :status', { status: selection.status });
    if (selection.modelType) qb.andWhere('j.modelType = :modelType', { modelType: selection.modelType });
    if (selection.filename) qb.andWhere('j.filename = :filename', { filename: selection.filename });
    if (selection.datasetId) qb.andWhere('j.datasetId = :datasetId', { datasetId: selection.datasetId });
    if (selection.from) qb.andWhere('j.createdAt >= :from', { from: selection.from });
    if (selection.to) qb.andWhere('j.createdAt < :to', { to: selection.to });
    if (selection.ownerId !== undefined) qb.andWhere('j.ownerId = :ownerId', { ownerId: selection.ownerId });
    const [rows, total] = await qb
      .orderBy('j.createdAt', 'DESC')
      .addOrderBy('j.trackingId', 'ASC')
      .skip(selection.offset)
      .take(selection.limit)
      .getManyAndCount();
    return { rows, total };
  }

  get(trackingId: string): Promise<JobHistoryRecord | null> {
    return readingDatabase(() => this.getRecord(trackingId), HISTORY);
  }

  private async getRecord(trackingId: string): Promise<JobHistoryRecord | null> {
    const job = await this.dataSource.getRepository(TrainingJobEntity).findOneBy({ trackingId });
    if (!job) return null;
    const [transitions, metrics] = await Promise.all([
      this.dataSource.getRepository(JobStatusTransitionEntity).find({ where: { trackingId } }),
      this.dataSource.getRepository(JobMetricEntity).find({ where: { trackingId }, order: { kind: 'ASC', step: 'ASC', name: 'ASC' } }),
    ]);
    transitions.sort(
      (a, b) => a.at.getTime() - b.at.getTime() || JOB_STATUS_RANK[a.status as JobStatus] - JOB_STATUS_RANK[b.status as JobStatus],
    );
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

  /**
   * Uploads left incomplete (the abandoned-upload sweeper's candidates): `pending` jobs with some chunks but not
   * all, no training request and no cancel, whose newest event is older than `before`. An aborted upload is
   * `failed`, a cancelled one `cancelled`, an upload kept as a dataset `completed`: none of them is selected.
   */
  async findAbandonedUploads(before: Date, trackingIdPrefix = '', limit = 100): Promise<TrainingJobEntity[]> {
    const qb = this.dataSource
      .getRepository(TrainingJobEntity)
      .createQueryBuilder('j')
      .where('j.status = :status AND j.lastEventAt < :before', { status: 'pending', before })
      .andWhere('j.receivedChunks > 0 AND (j.totalChunks IS NULL OR j.receivedChunks < j.totalChunks)')
      .andWhere('j.requestedAt IS NULL AND j.cancelRequestedAt IS NULL');
    if (trackingIdPrefix) qb.andWhere('j.trackingId LIKE :prefix', { prefix: `${trackingIdPrefix.replace(/[\\%_]/g, '\\$&')}%` });
    return qb.orderBy('j.lastEventAt', 'ASC').take(limit).getMany();
  }

  /**
   * The jobs a bulk cancel selects: still pending or running (or only `status`), with no cancel requested yet,
   * and every given selector at once (named trackingIds, the sweep's jobs, created before a time). Oldest first,
   * at most `limit`.
   */
  findJobsToCancel(selection: CancelSelection, limit: number): Promise<string[]> {
    return readingDatabase(async () => {
      const qb = this.dataSource
        .getRepository(TrainingJobEntity)
        .createQueryBuilder('j')
        .select('j.trackingId', 'trackingId')
        .where('j.status IN (:...statuses)', { statuses: selection.status ? [selection.status] : ['pending', 'running'] })
        .andWhere('j.cancelRequestedAt IS NULL');
      if (selection.trackingIds) qb.andWhere('j.trackingId IN (:...ids)', { ids: selection.trackingIds });
      if (selection.createdBefore) qb.andWhere('j.createdAt < :createdBefore', { createdBefore: selection.createdBefore });
      if (selection.sweepId !== undefined) qb.andWhere('j.sweepId = :sweepId', { sweepId: selection.sweepId });
      if (selection.ownerId !== undefined) qb.andWhere('j.ownerId = :ownerId', { ownerId: selection.ownerId });
      const rows = await qb
        .orderBy('j.createdAt', 'ASC')
        .addOrderBy('j.trackingId', 'ASC')
        .limit(limit)
        .getRawMany<{ trackingId: string }>();
      return rows.map((r) => r.trackingId);
    }, HISTORY);
  }
}

/** What a bulk cancel selects in the history; every field given narrows the selection. */
export interface CancelSelection {
  trackingIds?: string[];
  sweepId?: string;
  status?: 'pending' | 'running';
  createdBefore?: Date;
  /** Only this owner's jobs (a caller that is not an admin cancels only its own). */
  ownerId?: string;
}
