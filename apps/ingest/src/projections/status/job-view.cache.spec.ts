import { JobViewCache, StoredView } from './job-view.cache';

const view = (json: string): StoredView => ({ json, ownerId: 'o' });

/** A load the test answers by hand, counting the round trips. */
function loader() {
  const pending: Array<(v: StoredView | null) => void> = [];
  let calls = 0;
  return {
    load: () => {
      calls++;
      return new Promise<StoredView | null>((resolve) => pending.push(resolve));
    },
    answer: (v: StoredView | null, index = 0) => pending.splice(index, 1)[0](v),
    get calls() {
      return calls;
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('JobViewCache', () => {
  let now = 0;
  const live = (capacity = 10) => {
    const cache = new JobViewCache({ ttlMs: 1000, capacity, now: () => now });
    cache.live = true;
    return cache;
  };
  beforeEach(() => (now = 0));

  it('answers a view read a moment ago without a round trip, until it is too old', async () => {
    const cache = live();
    const db = loader();
    const first = cache.read('a', db.load);
    db.answer(view('v1'));
    expect(await first).toEqual(view('v1'));
    await settle();
    expect(await cache.read('a', db.load)).toEqual(view('v1'));
    expect(db.calls).toBe(1);
    now = 1000;
    const again = cache.read('a', db.load);
    expect(db.calls).toBe(2);
    db.answer(view('v2'));
    expect(await again).toEqual(view('v2'));
  });

  it('goes to the loader every time while not live, and keeps nothing', async () => {
    const cache = new JobViewCache({ ttlMs: 1000, capacity: 10, now: () => now });
    const db = loader();
    for (const n of [1, 2]) {
      const read = cache.read('a', db.load);
      db.answer(view(`v${n}`));
      expect(await read).toEqual(view(`v${n}`));
      await settle();
    }
    expect(db.calls).toBe(2);
    expect(cache.size).toBe(0);
  });

  it('forgets a job that changed, and does not keep a read that was in flight when it changed', async () => {
    const cache = live();
    const db = loader();
    const before = cache.read('a', db.load);
    cache.forget('a'); // the change lands while the read is on its way
    const after = cache.read('a', db.load); // its own round trip, after the change
    expect(db.calls).toBe(2);
    db.answer(view('new'), 1); // the later read lands first
    db.answer(view('old'), 0);
    expect(await before).toEqual(view('old'));
    expect(await after).toEqual(view('new'));
    await settle();
    expect(await cache.read('a', db.load)).toEqual(view('new'));
    expect(db.calls).toBe(2);
    cache.forget('a');
    void cache.read('a', db.load);
    expect(db.calls).toBe(3);
  });

  it('shares one round trip between concurrent reads of a job', async () => {
    const cache = live();
    const db = loader();
    const reads = [cache.read('a', db.load), cache.read('a', db.load), cache.read('b', db.load)];
    expect(db.calls).toBe(2);
    db.answer(view('a1'));
    db.answer(view('b1'));
    expect(await Promise.all(reads)).toEqual([view('a1'), view('a1'), view('b1')]);
  });

  it('keeps no unknown job, and lets a failed read fail its callers without keeping anything', async () => {
    const cache = live();
    const db = loader();
    const none = cache.read('a', db.load);
    db.answer(null);
    expect(await none).toBeNull();
    await settle();
    await expect(cache.read('a', () => Promise.reject(new Error('redis down')))).rejects.toThrow('redis down');
    await settle();
    expect(cache.size).toBe(0);
  });

  it('empties itself when changes stop being heard, and a read from before cannot refill it', async () => {
    const cache = live();
    const db = loader();
    const kept = cache.read('a', db.load);
    db.answer(view('v1'));
    await kept;
    await settle();
    const inFlight = cache.read('b', db.load);
    cache.live = false;
    cache.live = true;
    db.answer(view('b-old'));
    await inFlight;
    await settle();
    expect(cache.size).toBe(0);
  });

  it('drops the oldest job past its capacity', async () => {
    const cache = live(2);
    for (const id of ['a', 'b', 'c']) {
      await cache.read(id, () => Promise.resolve(view(id)));
      await settle();
    }
    expect(cache.size).toBe(2);
    let loads = 0;
    await cache.read('a', () => (loads++, Promise.resolve(view('a'))));
    await cache.read('c', () => (loads++, Promise.resolve(view('c'))));
    expect(loads).toBe(1);
  });
});
