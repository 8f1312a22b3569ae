/**
 * The CSV of a stored dataset, for a batch prediction over it: found in the datasets catalog (MariaDB, read-only
 * here), reached only by its owner or an admin (another owner's is unknown: 404), its chunk objects read in order.
 * A batch never takes a raw object key: what it reads is whatever the caller's own datasets hold.
 */
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { canReach, Principal } from '@modelstream/auth';
import { AppConfig } from '@modelstream/config';
import { DependencyUnavailableError, InvalidInputError, NotFoundError, ownerOf } from '@modelstream/contracts';
import { DatasetEntity, LazyDataSource, ObjectStore } from '@modelstream/storage';

@Injectable()
export class DatasetSource implements OnApplicationShutdown {
  private readonly db: LazyDataSource;

  constructor(
    private readonly store: ObjectStore,
    config: AppConfig,
  ) {
    this.db = LazyDataSource.reading(config, [DatasetEntity]);
  }

  /** The dataset's bytes and file name; a 400 when it is over `maxBytes` (nothing is read then). */
  async read(datasetId: string, caller: Principal, maxBytes: number): Promise<{ bytes: Buffer; filename: string }> {
    const dataset = await this.find(datasetId);
    if (!dataset || !canReach(caller, ownerOf(dataset.owner))) {
      throw new NotFoundError(`No dataset '${datasetId}'. GET /api/datasets lists yours.`, { datasetId });
    }
    if (dataset.size > maxBytes) {
      throw new InvalidInputError(`Dataset ${datasetId} is ${dataset.size} bytes, over the ${maxBytes}-byte limit of a batch prediction.`);
    }
    const keys = JSON.parse(dataset.objectKeys) as string[];
    const parts = await Promise.all(keys.map((key) => this.store.getBuffer(dataset.bucket, key)));
    return { bytes: Buffer.concat(parts), filename: dataset.filename };
  }

  private async find(datasetId: string): Promise<DatasetEntity | null> {
    try {
      const ds = await this.db.get();
      return await ds.getRepository(DatasetEntity).findOneBy({ datasetId, deletedAt: IsNull() });
    } catch {
      throw new DependencyUnavailableError('mariadb', 'The datasets catalog is not reachable right now. Retry in a few seconds.');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}
