import { KeySet } from './key-set';

describe('KeySet', () => {
  it('holds what a Set<number> holds, for keys up to 2^53, in the order they were added', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    // small keys, keys past 2^32 and 2^49 (shortKeyOf's number-like keys), and keys that differ only in their high half
    const pick = () => {
      const r = rand();
      if (r < 0.3) return Math.floor(rand() * 500);
      if (r < 0.6) return Math.floor(rand() * 2 ** 49);
      if (r < 0.8) return 2 ** 49 + Math.floor(rand() * 2 ** 52);
      return Math.floor(rand() * 64) * 2 ** 32;
    };
    const keys = new KeySet();
    const set = new Set<number>();
    for (let i = 0; i < 50_000; i++) {
      const key = pick();
      expect(keys.has(key)).toBe(set.has(key));
      keys.add(key);
      set.add(key);
    }
    expect(keys.size).toBe(set.size);
    expect(Array.from({ length: keys.size }, (_, i) => keys.keyAt(i))).toEqual([...set]);
    for (let i = 0; i < 2000; i++) expect(keys.has(pick() + 0.5)).toBe(false);
  });

  it('tells 0 and 2^53 apart from an empty slot', () => {
    const keys = new KeySet();
    expect(keys.has(0)).toBe(false);
    keys.add(0);
    keys.add(2 ** 53);
    keys.add(0);
    expect([keys.size, keys.has(0), keys.has(2 ** 53), keys.has(1)]).toEqual([2, true, true, false]);
  });
});
