/**
 * The job history's batch write: many events in one MariaDB transaction. It locks the batch's job rows and their
 * cursors (in trackingId order), folds each job's events in batch order onto its row's state, skipping an event at
 * or below its (job, topic) cursor — the same rule as one by one, so a replayed or redelivered event changes
 * nothing — and writes the result with multi-row statements: new rows, changed rows (an upsert of the changed
 * columns), status transitions, metrics and cursors. The rows then hold what applying the events one at a time
 * would have written. READ COMMITTED: two batches creating the same new job do not deadlock on gap locks; the
 * second meets a duplicate key and runs again (a retryable error), then folds onto the first's row.
 *
 * Two round trips on a multi-statement connection (LazyDataSource.multiStatement): the transaction's start with
 * the locking read, then every write with the COMMIT (a StatementBatch); a batch that requests training numbers
 * the versions in between. One statement per round trip took about ten, each a wait on a busy machine.
 */
import { DataSource, EntityManager } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { JobState, JobTransition, newJobState } from '@modelstream/contracts';
import { errorMessage, PermanentEventError } from '@modelstream/kafka';
import { retry } from '@modelstream/resilience';
import { CONFLICT_RETRY, errnoOf, PERMANENT_ERRNOS, StatementBatch, TrainingJobEntity } from '@modelstream/storage';
import { ApplyStages, noStages } from '../job-batch';
import { lockJobs } from './job-history.locks';
import { StateCheck, stateFitsCheck } from './job-history.fits';
import type { AppliedEventRef, JobChange, MetricRow } from './job-history.repository';
import { changedColumns, JobRow, rowToState, stateToRow } from './job-history.row';
import { numberRequests, VersionRequest } from './job-history.versions';

export interface HistoryBatchItem {
  ref: AppliedEventRef;
  change: (before: JobState) => JobChange;
}

interface Cursor {
  lastSequence: number;
  lastEventId: string;
  appliedEvents: number;
  changed: boolean;
}

interface JobWork {
  row: TrainingJobEntity | null;
  before: JobState;
  state: JobState;
  cursors: Map<string, Cursor>;
  metrics: MetricRow[];
  request?: VersionRequest;
  applied: boolean;
}

const ROWS_PER_STATEMENT = 500;
/** The longest event id and type the transition and cursor rows take. */
const EVENT_REF_LENGTH = 64;
const checks = new WeakMap<DataSource, StateCheck>();

/** Applies the events in one transaction (run again on a lock conflict); per event, whether it changed the history. */
export async function applyHistoryBatch(dataSource: DataSource, items: HistoryBatchItem[], stages = noStages()): Promise<boolean[]> {
  if (items.length === 0) return [];
  try {
    return await retry(() => inTransaction(dataSource, items, stages), CONFLICT_RETRY);
  } catch (error) {
    if (!PERMANENT_ERRNOS.has(errnoOf(error))) throw error;
    throw new PermanentEventError(
      `the job history cannot store a batch of ${items.length} events: ${errorMessage(error)} (MariaDB errno ${errnoOf(error)})`,
    );
  }
}

async function inTransaction(dataSource: DataSource, items: HistoryBatchItem[], stages: ApplyStages): Promise<boolean[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    if (!checks.has(dataSource)) checks.set(dataSource, stateFitsCheck(dataSource));
    const statements = new StatementBatch(runner);
    const applied = await writeBatch(runner.manager, statements, items, stages, checks.get(dataSource)!);
    const committing = performance.now();
    await statements.send('COMMIT');
    stages.commit += performance.now() - committing;
    return applied;
  } catch (error) {
    await runner.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}

async function writeBatch(
  em: EntityManager,
  statements: StatementBatch,
  items: HistoryBatchItem[],
  stages: ApplyStages,
  fits: StateCheck,
): Promise<boolean[]> {
  let clock = performance.now();
  const lap = (stage: keyof ApplyStages) => {
    const now = performance.now();
    stages[stage] += now - clock;
    clock = now;
  };
  const ids = [...new Set(items.map((i) => i.ref.trackingId))].sort();
  const { rows, cursors } = await lockJobs(em, ids);
  lap('write');

  const jobs = new Map<string, JobWork>();
  const rowOf = new Map(rows.map((r) => [r.trackingId, r]));
  for (const id of ids) {
    const row = rowOf.get(id) ?? null;
    const before = row ? rowToState(row) : newJobState(id);
    jobs.set(id, { row, before, state: before, cursors: new Map(), metrics: [], applied: false });
  }
  for (const c of cursors) jobs.get(c.trackingId)!.cursors.set(c.topic, { ...c, changed: false });
  const applied = items.map(({ ref, change }) => {
    const job = jobs.get(ref.trackingId)!;
    const cursor = job.cursors.get(ref.topic);
    if (cursor && cursor.lastSequence >= ref.sequence) return false;
    const { state, metrics } = change(job.state);
    const unfit = fits(state) ?? (ref.eventId.length > EVENT_REF_LENGTH ? 'the event id is too long' : null);
    if (unfit) {
      throw new PermanentEventError(`the job history cannot store event ${ref.eventId} of ${ref.trackingId} (${ref.topic}): ${unfit}`);
    }
    if (state.requestedAt !== null && job.state.requestedAt === null && state.datasetSha256 && state.modelType) {
      job.request = {
        trackingId: ref.trackingId,
        datasetSha256: state.datasetSha256,
        modelType: state.modelType,
        requestedAt: state.requestedAt,
      };
    }
    job.state = state;
    job.metrics.push(...metrics);
    job.cursors.set(ref.topic, {
      lastSequence: ref.sequence,
      lastEventId: ref.eventId,
      appliedEvents: (cursor?.appliedEvents ?? 0) + 1,
      changed: true,
    });
    job.applied = true;
    return true;
  });
  lap('fold');

  const requests = [...jobs.values()].flatMap((j) => (j.request ? [j.request] : []));
  const { versions, shifts } = requests.length > 0 ? await numberRequests(em, requests) : { versions: new Map(), shifts: new Map() };
  lap('write');
  await writeJobRows(em, statements, jobs, versions, shifts);
  await shiftOtherVersions(statements, jobs, shifts);
  await writeTransitions(statements, jobs);
  await writeMetrics(statements, jobs);
  await writeCursors(statements, jobs);
  return applied;
}

async function writeJobRows(
  em: EntityManager,
  statements: StatementBatch,
  jobs: Map<string, JobWork>,
  versions: Map<string, number>,
  shifts: Map<string, number>,
) {
  const inserted: JobRow[] = [];
  const updated: JobRow[] = [];
  const changedProps = new Set<string>();
  for (const [id, job] of jobs) {
    const old = job.row?.version ?? null;
    const version = versions.get(id) ?? (old === null ? null : old + (shifts.get(id) ?? 0));
    if (!job.row) {
      if (job.applied) inserted.push(stateToRow(job.state, version));
      continue;
    }
    const next = stateToRow(job.state, version);
    const changed = Object.keys(changedColumns(job.row, next));
    if (changed.length === 0) continue;
    changed.forEach((c) => changedProps.add(c));
    updated.push(next);
  }
  // Plain multi-row statements, each value prepared as TypeORM would (dates, transformers), without its query builder.
  const all = em.connection.getMetadata(TrainingJobEntity).columns;
  const names = (columns: ColumnMetadata[]) => columns.map((c) => `\`${c.databaseName}\``).join(', ');
  const values = (rows: JobRow[], columns: ColumnMetadata[]) =>
    rows.map((row) => columns.map((c) => em.connection.driver.preparePersistentValue(row[c.propertyName as keyof JobRow], c)));
  for (const chunk of chunks(inserted)) {
    await statements.add(`INSERT INTO training_jobs (${names(all)}) VALUES ${chunk.map(() => '(?)').join(', ')}`, values(chunk, all));
  }
  // A changed row sends its key, the columns MariaDB needs to accept an insert (NOT NULL without a default: it checks
  // them before it meets the duplicate key) and the batch's changed columns; a wide job's texts are not sent again.
  const changed = all.filter((c) => changedProps.has(c.propertyName));
  const sent = all.filter((c) => c.isPrimary || (!c.isNullable && c.default === undefined) || changedProps.has(c.propertyName));
  const overwrite = changed.map((c) => `\`${c.databaseName}\` = VALUES(\`${c.databaseName}\`)`).join(', ');
  for (const chunk of chunks(updated)) {
    await statements.add(
      `INSERT INTO training_jobs (${names(sent)}) VALUES ${chunk.map(() => '(?)').join(', ')} ON DUPLICATE KEY UPDATE ${overwrite}`,
      values(chunk, sent),
    );
  }
}

/** Rows of the version groups that are not in the batch move up as they would one request at a time. */
async function shiftOtherVersions(statements: StatementBatch, jobs: Map<string, JobWork>, shifts: Map<string, number>): Promise<void> {
  const byShift = new Map<number, string[]>();
  for (const [id, shift] of shifts) if (!jobs.has(id)) byShift.set(shift, [...(byShift.get(shift) ?? []), id]);
  for (const [shift, ids] of byShift) {
    await statements.add('UPDATE training_jobs SET version = version + ? WHERE tracking_id IN (?) AND version IS NOT NULL', [shift, ids]);
  }
}

/** The transition rows of each job become those of its folded state (what each event's sync would leave). */
async function writeTransitions(statements: StatementBatch, jobs: Map<string, JobWork>): Promise<void> {
  const same = (a: JobTransition, b: JobTransition | undefined) =>
    !!b && a.at === b.at && a.eventId === b.eventId && a.eventType === b.eventType && a.sequence === b.sequence;
  const upserts: unknown[][] = [];
  const gone: unknown[][] = [];
  for (const [id, { before, state, applied }] of jobs) {
    if (!applied) continue;
    for (const t of state.transitions) {
      if (
        !same(
          t,
          before.transitions.find((b) => b.status === t.status),
        )
      ) {
        upserts.push([id, t.status, new Date(t.at), t.eventId, t.eventType, t.sequence]);
      }
    }
    for (const b of before.transitions) if (!state.transitions.some((t) => t.status === b.status)) gone.push([id, b.status]);
  }
  for (const chunk of chunks(upserts)) {
    await statements.add(
      `INSERT INTO job_status_transitions (tracking_id, status, at, event_id, event_type, sequence) VALUES ${chunk.map(() => '(?)').join(', ')}
       ON DUPLICATE KEY UPDATE at = VALUES(at), event_id = VALUES(event_id), event_type = VALUES(event_type), sequence = VALUES(sequence)`,
      chunk,
    );
  }
  if (gone.length > 0) await statements.add('DELETE FROM job_status_transitions WHERE (tracking_id, status) IN (?)', [gone]);
}

async function writeMetrics(statements: StatementBatch, jobs: Map<string, JobWork>): Promise<void> {
  const values = [...jobs].flatMap(([id, job]) => job.metrics.map((m) => [id, m.kind, m.name.slice(0, 128), m.step, m.value]));
  for (const chunk of chunks(values, 2000)) {
    await statements.add(
      `INSERT INTO job_metrics (tracking_id, kind, name, step, value) VALUES ${chunk.map(() => '(?)').join(', ')}
       ON DUPLICATE KEY UPDATE value = VALUES(value)`,
      chunk,
    );
  }
}

async function writeCursors(statements: StatementBatch, jobs: Map<string, JobWork>): Promise<void> {
  const values = [...jobs].flatMap(([id, job]) =>
    [...job.cursors].filter(([, c]) => c.changed).map(([topic, c]) => [id, topic, c.lastSequence, c.lastEventId, c.appliedEvents]),
  );
  for (const chunk of chunks(values, 2000)) {
    await statements.add(
      `INSERT INTO job_event_cursors (tracking_id, topic, last_sequence, last_event_id, applied_events) VALUES ${chunk.map(() => '(?)').join(', ')}
       ON DUPLICATE KEY UPDATE last_sequence = VALUES(last_sequence), last_event_id = VALUES(last_event_id), applied_events = VALUES(applied_events)`,
      chunk,
    );
  }
}

function chunks<T>(all: T[], size = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < all.length; i += size) out.push(all.slice(i, i + size));
  return out;
}
