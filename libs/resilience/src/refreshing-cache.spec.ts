import { RefreshingCache } from './refreshing-cache';

/** A cache over a source that answers when told to, counting its loads. */
function cacheOver(ttlMs: number, keeps?: (value: string) => boolean) {
  const loads: { key: string; answer: (value: string) => void; fail: (error: Error) => void }[] = [];
  const cache = new RefreshingCache<string>({
    ttlMs,
    keeps,
    maxEntries: 2,
    load: (key) => new Promise((answer, fail) => loads.push({ key, answer, fail })),
  });
  return { cache, loads };
}
const settle = () => new Promise((r) => setImmediate(r));

/** Looks `key` up and has the source answer `value` (the next load), so that it is kept. */
async function loaded({ cache, loads }: ReturnType<typeof cacheOver>, key: string, value: string): Promise<void> {
  const pending = cache.get(key);
  loads.at(-1)!.answer(value);
  await pending;
}

describe('RefreshingCache', () => {
  let now = 1_000_000;
  beforeEach(() => jest.spyOn(Date, 'now').mockImplementation(() => now));
  afterEach(() => jest.restoreAllMocks());

  it('loads a key once for every look-up that arrives before the source answers, then answers at once', async () => {
    const { cache, loads } = cacheOver(1000);
    const waiting = [cache.get('a'), cache.get('a'), cache.get('a')];
    expect(loads).toHaveLength(1);
    loads[0].answer('A');
    expect(await Promise.all(waiting)).toEqual(['A', 'A', 'A']);
    expect(cache.get('a')).toBe('A');
    expect(loads).toHaveLength(1);
  });

  it('refreshes in the background past half the time, answering the kept value meanwhile', async () => {
    const over = cacheOver(1000);
    const { cache, loads } = over;
    await loaded(over, 'a', 'A1');
    now += 400;
    expect(cache.get('a')).toBe('A1');
    expect(loads).toHaveLength(1); // still in its first half
    now += 200;
    const kept = cache.peek('a');
    expect(kept?.value).toBe('A1');
    expect(cache.get('a')).toBe('A1');
    expect(loads).toHaveLength(2); // one refresh, however many look-ups
    loads[1].answer('A2');
    await settle();
    expect(cache.get('a')).toBe('A2');
    expect(cache.peek('a')).not.toBe(kept);
    now += 900; // past the first value's end, within the refreshed one's
    expect(cache.get('a')).toBe('A2');
  });

  it('never answers a value after its time: a look-up then waits for the source', async () => {
    const over = cacheOver(1000);
    const { cache, loads } = over;
    await loaded(over, 'a', 'A1');
    now += 1000;
    expect(cache.peek('a')).toBeUndefined();
    const next = cache.get('a');
    expect(next).toBeInstanceOf(Promise);
    loads[1].answer('A2');
    expect(await next).toBe('A2');
  });

  it('drops a failed background refresh, serves the kept value to its end, and fails the look-up that waits', async () => {
    const over = cacheOver(1000);
    const { cache, loads } = over;
    await loaded(over, 'a', 'A1');
    now += 600;
    expect(cache.get('a')).toBe('A1');
    loads[1].fail(new Error('store down'));
    await settle();
    expect(cache.get('a')).toBe('A1'); // and a new refresh is tried
    expect(loads).toHaveLength(3);
    now += 500;
    const waiting = cache.get('a');
    expect(waiting).toBe(cache.get('a')); // the refresh in flight is the one waited for
    loads[2].fail(new Error('store down'));
    await expect(waiting).rejects.toThrow('store down');
  });

  it('answers but does not keep a value `keeps` refuses', async () => {
    const { cache, loads } = cacheOver(1000, (value) => value !== 'none');
    const first = cache.get('a');
    loads[0].answer('none');
    expect(await first).toBe('none');
    expect(cache.get('a')).toBeInstanceOf(Promise);
  });

  it('keeps at most maxEntries keys, the longest kept going first; with no time at all, keeps none', async () => {
    const over = cacheOver(1000);
    const { cache } = over;
    for (const key of ['a', 'b', 'c']) await loaded(over, key, key.toUpperCase());
    expect(cache.peek('a')).toBeUndefined();
    expect(cache.get('b')).toBe('B');
    expect(cache.get('c')).toBe('C');
    const none = cacheOver(0);
    await loaded(none, 'a', 'A');
    expect(none.cache.get('a')).toBeInstanceOf(Promise);
  });
});
