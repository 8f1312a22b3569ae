/**
 * The first round trip of a history batch (job-history.batch.ts): the transaction's start and the locking read of the
 * batch's job rows with their applied-event cursors, as one multi-statement query, turned into entities the way
 * TypeORM reads them.
 */
import { EntityManager, EntityTarget } from 'typeorm';
import { JobEventCursorEntity, TrainingJobEntity } from '@modelstream/storage';

/** The columns of an entity's table as `alias`.column AS `alias_column`, for a read that joins two tables. */
function selectList(em: EntityManager, entity: EntityTarget<object>, alias: string): string {
  return em.connection
    .getMetadata(entity)
    .columns.map((c) => `${alias}.\`${c.databaseName}\` AS \`${alias}_${c.databaseName}\``)
    .join(', ');
}

/** An entity from a raw row's `alias_column` values, each converted as TypeORM reads it (dates, transformers). */
function hydrate<T extends object>(em: EntityManager, entity: EntityTarget<T>, raw: Record<string, unknown>, alias: string): T {
  const metadata = em.connection.getMetadata(entity);
  const out = metadata.create() as Record<string, unknown>;
  for (const c of metadata.columns) out[c.propertyName] = em.connection.driver.prepareHydratedValue(raw[`${alias}_${c.databaseName}`], c);
  return out as T;
}

/**
 * Starts the transaction and locks the jobs' rows with their cursors, in trackingId order: one round trip. Ordered by
 * the job's key alone, which its primary key gives as read (a second key, the cursor's topic, took a temporary table
 * and a sort per transaction).
 */
export async function lockJobs(em: EntityManager, ids: string[]): Promise<{ rows: TrainingJobEntity[]; cursors: JobEventCursorEntity[] }> {
  const results = (await em.query(
    `SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
     START TRANSACTION;
     SELECT ${selectList(em, TrainingJobEntity, 'j')}, ${selectList(em, JobEventCursorEntity, 'c')}
       FROM training_jobs j LEFT JOIN job_event_cursors c ON c.tracking_id = j.tracking_id
      WHERE j.tracking_id IN (?) ORDER BY j.tracking_id FOR UPDATE`,
    [ids],
  )) as [unknown, unknown, Record<string, unknown>[]];
  const rows = new Map<string, TrainingJobEntity>();
  const cursors: JobEventCursorEntity[] = [];
  for (const raw of results[2]) {
    const id = raw.j_tracking_id as string;
    if (!rows.has(id)) rows.set(id, hydrate(em, TrainingJobEntity, raw, 'j'));
    if (raw.c_topic !== null) cursors.push(hydrate(em, JobEventCursorEntity, raw, 'c'));
  }
  return { rows: [...rows.values()], cursors };
}
