import { createHash } from 'node:crypto';
import { profileCsv } from '../datasets/dataset-profile';
import { ChunkInspection } from './chunk-inspection';
import { CsvShapeScanner } from './csv-shape-scanner';

const file = Buffer.from(
  ['a,b,label', ...Array.from({ length: 300 }, (_, i) => `${i},${i % 7 === 0 ? 'NA' : i / 2},"l ${i % 4}"`)].join('\n'),
);
const parts = [file.subarray(0, 1000), file.subarray(1000, 2500), file.subarray(2500)];
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** The shape state before each part (what the upload's state would hold). */
const before = parts.map((_, i) => {
  const scanner = new CsvShapeScanner();
  for (const part of parts.slice(0, i)) scanner.scan(part);
  return i === 0 ? null : scanner.snapshot();
});

/** Scans and accepts `indexes` of `parts` for upload `id`, the shape carried from chunk to chunk. */
function take(inspection: ChunkInspection, id: string, indexes: number[]): void {
  for (const i of indexes) {
    inspection.scan(id, i, parts[i], before[i], i === parts.length - 1);
    inspection.accepted(id, i);
  }
}

describe('ChunkInspection', () => {
  it('scans chunk by chunk, and gives the whole file sha256 and profile of chunks taken in order', async () => {
    const inspection = new ChunkInspection();
    take(inspection, 't', [0, 1]);
    const last = inspection.scan('t', 2, parts[2], before[2], true);
    expect(last.records).toBe(301);
    expect(inspection.sha256With('t', 2, 2)).toBe(sha(file));
    inspection.accepted('t', 2);
    const profile = inspection.profile('t', 3);
    while (inspection.work());
    expect(await profile).toEqual(await profileCsv([file], 0));
    expect(await inspection.profile('t', 3)).toBeUndefined(); // finished once
  });

  it("answers one upload's profile once its own queued bytes are profiled, taking them before the others'", async () => {
    const inspection = new ChunkInspection();
    take(inspection, 't', [0]);
    take(inspection, 'u', [0, 1]);
    expect(inspection.work(0)).toBe(true); // one step: t's first chunk profiled; the rest still queued
    take(inspection, 't', [1, 2]);
    take(inspection, 'u', [2]);
    let answered = false;
    const t = inspection.profile('t', 3).then((profile) => ((answered = true), profile));
    expect(inspection.work(0)).toBe(true); // t's second chunk, before u's
    await Promise.resolve();
    expect(answered).toBe(false);
    expect(inspection.work(0)).toBe(true); // t's last: its profile is answered, u's chunks still queued
    await Promise.resolve();
    expect(answered).toBe(true);
    expect(await t).toEqual(await profileCsv([file], 0));
    const u = inspection.profile('u', 3);
    while (inspection.work(0));
    expect(await u).toEqual(await profileCsv([file], 0));
  });

  it('answers a profile with nothing queued at once', async () => {
    const inspection = new ChunkInspection();
    take(inspection, 't', [0, 1, 2]);
    expect(inspection.work(60_000)).toBe(false);
    expect(await inspection.profile('t', 3)).toEqual(await profileCsv([file], 0));
  });

  it('profiles step after step for the length of a turn, then answers whether bytes are left', async () => {
    const big = Buffer.concat([file, ...Array.from({ length: 4000 }, (_, i) => Buffer.from(`\n${i},${i * 3},l ${i % 5}`))]);
    const inspection = new ChunkInspection();
    inspection.scan('t', 0, big, null, true);
    inspection.accepted('t', 0);
    expect(big.length).toBeGreaterThan(32 * 1024); // more than one step
    expect(inspection.work(0)).toBe(true); // one step, the rest queued
    expect(inspection.work(60_000)).toBe(false); // a long turn takes every step left
    expect(await inspection.profile('t', 1)).toEqual(await profileCsv([big], 0));
  });

  it('refuses a malformed chunk with the 400 of the shape check', () => {
    const inspection = new ChunkInspection();
    expect(() => inspection.scan('t', 0, Buffer.from('a,b\n1,2,3\n'), null, false)).toThrow(/has 3 fields where the header has 2/);
  });

  it('knows nothing of an upload with a chunk it did not take, nor of more or fewer chunks than it took', async () => {
    const inspection = new ChunkInspection();
    take(inspection, 't', [0]);
    inspection.scan('t', 2, parts[2], before[2], true);
    inspection.accepted('t', 2); // chunk 1 went to another instance
    expect(inspection.sha256With('t', 2, 2)).toBeUndefined();
    take(inspection, 'u', [0]);
    inspection.scan('u', 2, parts[2], before[2], true);
    expect(inspection.sha256With('u', 2, 2)).toBeUndefined();
    expect(await inspection.profile('u', 3)).toBeUndefined();
  });

  it('keeps a refused chunk out of the digest', () => {
    const inspection = new ChunkInspection();
    take(inspection, 't', [0]);
    inspection.scan('t', 1, Buffer.from('9,9,"x"\n'), { ...before[1]!, fields: 1, fieldStart: true, recordEmpty: true }, false);
    inspection.refused('t', 1);
    inspection.scan('t', 1, parts[1], before[1], false);
    inspection.accepted('t', 1);
    inspection.scan('t', 2, parts[2], before[2], true);
    expect(inspection.sha256With('t', 2, 2)).toBe(sha(file));
  });

  it('keeps at most `capacity` digests, the least recently fed out first', () => {
    const inspection = new ChunkInspection(2);
    take(inspection, 'a', [0]);
    take(inspection, 'b', [0]);
    take(inspection, 'a', [1]);
    take(inspection, 'c', [0]);
    inspection.scan('a', 2, parts[2], before[2], true);
    inspection.scan('b', 1, parts[1], before[1], false);
    expect(inspection.sha256With('b', 1, 1)).toBeUndefined();
    expect(inspection.sha256With('a', 2, 2)).toBe(sha(file));
    inspection.forget('a');
    expect(inspection.sha256With('a', 2, 2)).toBeUndefined();
  });
});
