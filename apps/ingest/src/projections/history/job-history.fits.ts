/**
 * Whether MariaDB would take a job's state as a row, judged in memory. The batch write stores only each job's
 * last state of a batch, while one by one every intermediate state is written: an event that makes a row MariaDB
 * refuses is dead-lettered there even if a later event would make the row fit again. So the batch checks each
 * intermediate state here and, when one does not fit, gives the batch up, to be applied one by one (where MariaDB
 * itself judges). The check may refuse more than MariaDB does (that costs only the one-by-one path), never less
 * for what it covers: lengths of the bounded texts, NOT NULL, integer ranges, and the table's CHECK constraints.
 */
import { DataSource } from 'typeorm';
import { JobState } from '@modelstream/contracts';
import { TrainingJobEntity } from '@modelstream/storage';

const INT_MAX = 2 ** 31 - 1;

export type StateCheck = (state: JobState) => string | null;

/** Builds the check from the entity's own column metadata (lengths, nullability, types). */
export function stateFitsCheck(dataSource: DataSource): StateCheck {
  const columns = dataSource.getMetadata(TrainingJobEntity).columns.map((c) => ({
    name: c.propertyName as keyof JobState,
    length: c.length ? Number(c.length) : 0,
    nullable: c.isNullable,
    int: c.type === 'int',
  }));
  return (state) => {
    for (const { name, length, nullable, int } of columns) {
      if (!(name in state)) continue;
      const value = state[name] as unknown;
      if (value === null || value === undefined) {
        if (!nullable) return `${name} cannot be null`;
        continue;
      }
      if (length && typeof value === 'string' && value.length > length) return `${name} is longer than ${length}`;
      if (int && typeof value === 'number' && Math.abs(value) > INT_MAX) return `${name} is out of range`;
    }
    // The CHECK constraints of training_jobs (the entity's @Check list).
    if (!(state.progress >= 0 && state.progress <= 100)) return 'progress is not between 0 and 100';
    if (state.totalChunks !== null && !(state.totalChunks >= 1)) return 'totalChunks is below 1';
    if (!(state.receivedChunks >= 0)) return 'receivedChunks is negative';
    if (!(state.attempts >= 0)) return 'attempts is negative';
    if (state.datasetSize !== null && !(state.datasetSize >= 0)) return 'datasetSize is negative';
    return null;
  };
}
