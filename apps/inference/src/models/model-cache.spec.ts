import { LruModelCache } from './model-cache';

class FakeModel {
  disposed = false;
  constructor(
    readonly id: string,
    readonly bytes: number,
  ) {}
  dispose(): void {
    this.disposed = true;
  }
}

const loader = (id: string, bytes = 10, calls: string[] = []) => {
  return async () => {
    calls.push(id);
    await new Promise((r) => setTimeout(r, 5));
    return new FakeModel(id, bytes);
  };
};

describe('LruModelCache', () => {
  it('evicts the least recently used model beyond the count bound and disposes it', async () => {
    const evicted: string[] = [];
    const cache = new LruModelCache<FakeModel>(2, 1_000, { onEvicted: (k) => evicted.push(k) });
    const a = await cache.use('a', loader('a'), (m) => m);
    await cache.use('b', loader('b'), (m) => m);
    await cache.use('a', loader('a'), (m) => m); // a is now the most recent
    await cache.use('c', loader('c'), (m) => m);
    expect(evicted).toEqual(['b']);
    expect(cache.list().map((e) => e.key)).toEqual(['c', 'a']);
    expect(a.disposed).toBe(false);
  });

  it('uses a loaded model at once, counting the hit, and nothing when it is not loaded', async () => {
    const cache = new LruModelCache<FakeModel>(2, 1_000);
    expect(cache.useLoaded('a', (m) => m.id)).toBeUndefined();
    await cache.use('a', loader('a'), (m) => m);
    await cache.use('b', loader('b'), (m) => m);
    expect(cache.useLoaded('a', (m) => m.id)).toEqual({ value: 'a' });
    expect(cache.list().map((e) => [e.key, e.hits])).toEqual([
      ['a', 1],
      ['b', 0],
    ]); // a is the most recent again
  });

  it('disposes a model evicted while it was used at once only when that use ends', async () => {
    const cache = new LruModelCache<FakeModel>(1, 1_000);
    const a = await cache.use('a', loader('a'), (m) => m);
    let disposedDuringUse: boolean | undefined;
    expect(() =>
      cache.useLoaded('a', () => {
        cache.evict('a');
        disposedDuringUse = a.disposed;
        throw new Error('the use failed');
      }),
    ).toThrow('the use failed');
    expect([disposedDuringUse, a.disposed]).toEqual([false, true]);
  });

  it('evicts by bytes, keeping a model that is alone over the bound', async () => {
    const cache = new LruModelCache<FakeModel>(10, 100);
    const a = await cache.use('a', loader('a', 60), (m) => m);
    await cache.use('b', loader('b', 60), (m) => m);
    expect(cache.list().map((e) => e.key)).toEqual(['b']);
    expect(a.disposed).toBe(true);
    await cache.use('big', loader('big', 500), (m) => m);
    expect(cache.list().map((e) => e.key)).toEqual(['big']);
    expect(cache.bytes).toBe(500);
  });

  it('loads once for concurrent cold requests', async () => {
    const calls: string[] = [];
    const cache = new LruModelCache<FakeModel>(2, 1_000);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => cache.use('a', loader('a', 10, calls), (m, cached) => ({ m, cached }))),
    );
    expect(calls).toEqual(['a']);
    expect(new Set(results.map((r) => r.m)).size).toBe(1);
    expect(cache.loadCount('a')).toBe(1);
  });

  it('does not dispose a model evicted while in use until the use ends', async () => {
    const cache = new LruModelCache<FakeModel>(1, 1_000);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let held: FakeModel | undefined;
    const using = cache.use('a', loader('a'), async (m) => {
      held = m;
      await gate;
      return m.disposed;
    });
    await new Promise((r) => setTimeout(r, 20));
    await cache.use('b', loader('b'), () => undefined);
    expect(held!.disposed).toBe(false);
    release();
    expect(await using).toBe(false);
    expect(held!.disposed).toBe(true);
  });

  it('forgets a failed load so the next request tries again', async () => {
    const cache = new LruModelCache<FakeModel>(2, 1_000);
    await expect(
      cache.use(
        'a',
        () => Promise.reject(new Error('down')),
        () => 1,
      ),
    ).rejects.toThrow('down');
    expect(await cache.use('a', loader('a'), () => 2)).toBe(2);
  });
});
