/**
 * Datasets and sweeps in MariaDB (tables `datasets`, `sweeps`), written only by the catalog projection from
 * the datasets topic. Each row keeps the sequence of the last event applied, so a redelivered, replayed or
 * older event changes nothing; a deleted dataset keeps its row (deletedAt), so a replay never revives it.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull } from 'typeorm';
import { retry } from '@modelstream/resilience';
import { CONFLICT_RETRY, DatasetEntity, readingDatabase, SweepEntity, TrainingJobEntity } from '@modelstream/storage';

const WHAT = 'The dataset catalog database';

@Injectable()
export class CatalogRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get datasets() {
    return this.dataSource.getRepository(DatasetEntity);
  }

  private get sweeps() {
    return this.dataSource.getRepository(SweepEntity);
  }

  /** Writes the row when `row.sequence` is newer than the stored one; false when it was not. */
  async upsertDataset(row: DatasetEntity): Promise<boolean> {
    return this.upsert(DatasetEntity, 'datasetId', row);
  }

  async markDatasetDeleted(datasetId: string, deletedAt: Date, sequence: number): Promise<boolean> {
    const result = await this.datasets
      .createQueryBuilder()
      .update()
      .set({ deletedAt, sequence })
      .where('dataset_id = :datasetId AND sequence < :sequence', { datasetId, sequence })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async upsertSweep(row: SweepEntity): Promise<boolean> {
    return this.upsert(SweepEntity, 'sweepId', row);
  }

  async markSweepPromoted(sweepId: string, version: string, trackingId: string, sequence: number): Promise<boolean> {
    const result = await this.sweeps
      .createQueryBuilder()
      .update()
      .set({ promotedVersion: version, promotedTrackingId: trackingId, sequence })
      .where('sweep_id = :sweepId AND sequence < :sequence', { sweepId, sequence })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** A live (not deleted) dataset. */
  findDataset(datasetId: string): Promise<DatasetEntity | null> {
    return readingDatabase(() => this.datasets.findOneBy({ datasetId, deletedAt: IsNull() }), WHAT);
  }

  /** Live datasets, newest first: one owner's, or everyone's. */
  listDatasets(limit: number, offset: number, ownerId?: string): Promise<[DatasetEntity[], number]> {
    const owner = ownerId === undefined ? {} : { owner: ownerId };
    return readingDatabase(
      () =>
        this.datasets.findAndCount({
          where: { deletedAt: IsNull(), ...owner },
          order: { createdAt: 'DESC', datasetId: 'ASC' },
          take: limit,
          skip: offset,
        }),
      WHAT,
    );
  }

  /** Live records other than `datasetId` that use the same bytes. */
  countOtherRecordsOf(sha256: string, datasetId: string): Promise<number> {
    return readingDatabase(
      () =>
        this.datasets
          .createQueryBuilder('d')
          .where('d.sha256 = :sha256 AND d.dataset_id <> :datasetId AND d.deleted_at IS NULL', { sha256, datasetId })
          .getCount(),
      WHAT,
    );
  }

  /** trackingIds of the dataset's jobs that are still pending or running. */
  async activeJobsOf(datasetId: string): Promise<string[]> {
    const rows = await readingDatabase(
      () =>
        this.dataSource
          .getRepository(TrainingJobEntity)
          .find({ select: { trackingId: true }, where: { datasetId, status: In(['pending', 'running']) }, take: 20 }),
      WHAT,
    );
    return rows.map((r) => r.trackingId);
  }

  findSweep(sweepId: string): Promise<SweepEntity | null> {
    return readingDatabase(() => this.sweeps.findOneBy({ sweepId }), WHAT);
  }

  /** Sweeps whose alias is still to be given, oldest first (the promoter's work list). */
  unpromotedSweeps(limit = 100): Promise<SweepEntity[]> {
    return readingDatabase(
      () =>
        this.sweeps
          .createQueryBuilder('s')
          .where('s.promote_alias IS NOT NULL AND s.promoted_version IS NULL AND s.created_at > :since', {
            since: new Date(Date.now() - 7 * 24 * 3600_000),
          })
          .orderBy('s.created_at', 'ASC')
          .take(limit)
          .getMany(),
      WHAT,
    );
  }

  /**
   * Writes `row` when its sequence is newer than the stored row's (or there is none); false when it is not, so a
   * redelivered or replayed event changes nothing. The stored row is locked while deciding. READ COMMITTED takes no
   * gap locks: writers creating new ids at once (uploads completing together, the service's read-after-write beside
   * the projector, a replay's partitions) do not deadlock in the gap they share, as they did at REPEATABLE READ — a
   * burst of 20 on an empty catalog ran out of tries (a 500 for an upload's last chunk). Two writers of the same new
   * id meet at the primary key: the second gets a duplicate key, runs again and decides on the first one's row.
   */
  private async upsert<T extends DatasetEntity | SweepEntity>(entity: new () => T, key: 'datasetId' | 'sweepId', row: T): Promise<boolean> {
    const id = (row as unknown as Record<string, string>)[key];
    const write = () =>
      this.dataSource.transaction('READ COMMITTED', async (em) => {
        const repo = em.getRepository<T>(entity);
        const current = await repo.createQueryBuilder('r').setLock('pessimistic_write').where(`r.${key} = :id`, { id }).getOne();
        if (current && current.sequence >= row.sequence) return false;
        if (current) await repo.update({ [key]: id } as never, row as never);
        else await repo.insert(row as never);
        return true;
      });
    return retry(write, CONFLICT_RETRY);
  }
}
