import { createHash } from 'node:crypto';
import { InvalidInputError } from '@modelstream/contracts';
import { profileCsv } from '../datasets/dataset-profile';
import { ChunkInspector } from './chunk-inspector';

const file = Buffer.from(['x,y', ...Array.from({ length: 500 }, (_, i) => `${i * 1.5},${i % 3 ? 'a' : 'b'}`)].join('\n') + '\n');
const parts = [file.subarray(0, 2000), file.subarray(2000)];

describe('ChunkInspector on its worker thread', () => {
  const inspector = new ChunkInspector({ thread: true });
  afterAll(() => inspector.close());

  it('scans, digests and profiles an upload as the inline inspection does', async () => {
    const first = await inspector.scan('t', 0, parts[0], null, false);
    inspector.accepted('t', 0);
    const last = await inspector.scan('t', 1, parts[1], first.shape, true);
    expect(last.records).toBe(501);
    expect(await inspector.sha256With('t', 1, 1)).toBe(createHash('sha256').update(file).digest('hex'));
    inspector.accepted('t', 1);
    expect(await inspector.profile('t', 2)).toEqual(await profileCsv([file], 0));
  });

  it('leaves the caller its bytes, whether a Buffer of its own or a view of a larger one (a copy is moved)', async () => {
    const copies = Array<Buffer>(30).fill(file); // its header again and again: rows of two fields too
    const whole = Buffer.concat(copies); // an ArrayBuffer of its own (larger than the pool's)
    expect(whole.byteLength).toBe(whole.buffer.byteLength);
    expect(await inspector.scan('w', 0, whole, null, true)).toMatchObject({ records: 501 * 30 });
    expect(whole.equals(Buffer.concat(copies))).toBe(true);
    expect(await inspector.scan('x', 0, parts[0], null, false)).toMatchObject({ records: 1 + parts[0].toString().split('\n').length - 2 });
    expect(parts[0].equals(file.subarray(0, 2000))).toBe(true);
  });

  it("digests a chunk's bytes, shared memory read as it is and other bytes from a copy", async () => {
    const shared = Buffer.from(new SharedArrayBuffer(file.length));
    file.copy(shared);
    const want = createHash('sha256').update(file).digest('hex');
    expect(await inspector.digest(shared)).toBe(want);
    expect(await inspector.digest(file)).toBe(want);
    expect(await inspector.digest(parts[1])).toBe(createHash('sha256').update(parts[1]).digest('hex'));
    expect(file.length).toBeGreaterThan(0); // its own bytes were copied, not moved away
    await expect(inspector.scan('s', 0, shared, null, true)).resolves.toMatchObject({ records: 501 });
    expect(shared.equals(file)).toBe(true);
  });

  it('passes a malformed chunk on as the 400 it is', async () => {
    const refused = inspector.scan('u', 0, Buffer.from('a,b\n1,"2\n'), null, true);
    await expect(refused).rejects.toBeInstanceOf(InvalidInputError);
    await expect(refused).rejects.toThrow(/never closed/);
  });

  it('goes on inline when its thread is gone: scans still run, digests are unknown', async () => {
    const alone = new ChunkInspector({ thread: true });
    const first = await alone.scan('v', 0, parts[0], null, false);
    alone.accepted('v', 0);
    await alone.close();
    await expect(alone.scan('v', 1, parts[1], first.shape, true)).resolves.toMatchObject({ records: 501 });
    expect(await alone.sha256With('v', 1, 1)).toBeUndefined();
    expect(await alone.digest(parts[1])).toBe(createHash('sha256').update(parts[1]).digest('hex'));
  });
});
