import { randomUUID } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { loadConfig } from '@modelstream/config';
import { DependencyUnavailableError, NotFoundError } from '@modelstream/contracts';
import { ObjectStore } from './object-store';

jest.setTimeout(30_000);

describe('ObjectStore (real S3-compatible store)', () => {
  const config = loadConfig();
  const store = new ObjectStore(config);
  const bucket = config.S3_BUCKET_UPLOADS;
  const prefix = `it/${randomUUID()}/`;

  afterAll(async () => {
    await store.deletePrefix(bucket, prefix);
    store.onApplicationShutdown();
  });

  it('writes, lists, reads and deletes objects', async () => {
    await store.put(bucket, `${prefix}a.csv`, 'x,y\n1,2\n', 'text/csv');
    await store.put(bucket, `${prefix}b.bin`, Buffer.from([0, 1, 2, 255]));
    expect(await store.list(bucket, prefix)).toEqual([
      { key: `${prefix}a.csv`, size: 8 },
      { key: `${prefix}b.bin`, size: 4 },
    ]);
    expect((await store.getBuffer(bucket, `${prefix}a.csv`)).toString()).toBe('x,y\n1,2\n');
    expect([...(await store.getBuffer(bucket, `${prefix}b.bin`))]).toEqual([0, 1, 2, 255]);
    await store.put(bucket, `${prefix}a.csv0`, 'z');
    await store.delete(bucket, `${prefix}a.csv`); // that one key, not the keys it begins
    await store.delete(bucket, `${prefix}gone.csv`); // none: no error
    expect((await store.list(bucket, prefix)).map((o) => o.key)).toEqual([`${prefix}a.csv0`, `${prefix}b.bin`]);
    expect(await store.deletePrefix(bucket, prefix)).toBe(2);
    expect(await store.list(bucket, prefix)).toEqual([]);
  });

  it('stores bytes with their CRC-32 as the checksum the store checks, and refuses them with another', async () => {
    const bytes = Buffer.from('x,y\n1,2\n');
    await store.put(bucket, `${prefix}known.csv`, bytes, 'text/csv', crc32(bytes));
    expect(await store.getBuffer(bucket, `${prefix}known.csv`)).toEqual(bytes);
    const other = crc32('other bytes');
    await expect(store.put(bucket, `${prefix}damaged.csv`, bytes, 'text/csv', other)).rejects.toBeInstanceOf(DependencyUnavailableError);
    expect((await store.list(bucket, `${prefix}damaged`)).length).toBe(0);
  });

  it('serves an object through a presigned URL', async () => {
    await store.put(bucket, `${prefix}signed.txt`, 'hello');
    const url = await store.presignedGetUrl(bucket, `${prefix}signed.txt`, 60);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('hello');
  });

  it('answers NotFoundError for a missing key', async () => {
    await expect(store.getBuffer(bucket, `${prefix}missing`)).rejects.toBeInstanceOf(NotFoundError);
  });
});
