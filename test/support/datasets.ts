/**
 * A dataset stored the way ingest stores one, for tests of the apps that only read datasets (inference's batch
 * prediction): the CSV in the uploads bucket and its row in the catalog (MariaDB), owned by `ownerId`.
 */
import { createHash, randomUUID } from 'node:crypto';
import { AppConfig } from '@modelstream/config';
import { DatasetEntity, ObjectStore, openHistoryDatabase } from '@modelstream/storage';

export async function storeDataset(config: AppConfig, store: ObjectStore, csv: string, ownerId = 'legacy'): Promise<string> {
  const datasetId = `ds-${randomUUID().replace(/-/g, '').slice(0, 24)}`;
  const key = `datasets/${datasetId}/data.csv`;
  await store.put(config.S3_BUCKET_UPLOADS, key, csv, 'text/csv');
  const ds = await openHistoryDatabase(config);
  try {
    await ds.getRepository(DatasetEntity).insert({
      datasetId,
      owner: ownerId,
      filename: 'batch.csv',
      sha256: createHash('sha256').update(csv).digest('hex'),
      size: Buffer.byteLength(csv),
      rows: csv.trim().split('\n').length - 1,
      columnsJson: '[]',
      bucket: config.S3_BUCKET_UPLOADS,
      objectKeys: JSON.stringify([key]),
      sourceTrackingId: null,
      createdAt: new Date(),
      deletedAt: null,
      sequence: 0,
    });
  } finally {
    await ds.destroy();
  }
  return datasetId;
}
