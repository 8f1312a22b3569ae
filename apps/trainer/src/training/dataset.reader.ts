/** Streams an uploaded dataset's chunk objects, in order, from the object store into the CSV reader. */
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DatasetManifest, NotFoundError } from '@modelstream/contracts';
import { CsvTable, DatasetError, readCsvTable } from '@modelstream/ml';
import { ObjectStore } from '@modelstream/storage';

export interface LoadedDataset {
  table: CsvTable;
  /** SHA-256 of the bytes read (the concatenated chunks). */
  sha256: string;
}

@Injectable()
export class DatasetReader {
  constructor(private readonly store: ObjectStore) {}

  async read(manifest: DatasetManifest, onRows?: (rows: number) => Promise<void> | void): Promise<LoadedDataset> {
    if (manifest.objectKeys.length === 0) throw new DatasetError('The upload has no chunks: upload the file again.');
    const hash = createHash('sha256');
    const store = this.store;
    async function* bytes(): AsyncGenerator<Uint8Array> {
      for (const key of manifest.objectKeys) {
        let stream: AsyncIterable<Uint8Array>;
        try {
          stream = await store.getStream(manifest.bucket, key);
        } catch (error) {
          if (error instanceof NotFoundError) {
            throw new DatasetError(`A chunk of the upload (${key}) is no longer in the object store. Upload the file again.`);
          }
          throw error;
        }
        for await (const chunk of stream) {
          hash.update(chunk);
          yield chunk;
        }
      }
    }
    const table = await readCsvTable(bytes(), { onRows });
    return { table, sha256: hash.digest('hex') };
  }
}
