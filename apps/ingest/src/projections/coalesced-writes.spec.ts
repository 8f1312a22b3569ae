import { CoalescedWrites } from './coalesced-writes';

/** A store that records each write it was given, and refuses any write holding a "bad" item. */
function store() {
  const writes: string[][] = [];
  const write = async (items: string[]) => {
    writes.push(items);
    await new Promise((r) => setTimeout(r, 1));
    if (items.includes('bad')) throw new Error('refused: bad');
    return items.map((i) => i.toUpperCase());
  };
  return { writes, coalesced: new CoalescedWrites(write) };
}

describe('CoalescedWrites', () => {
  it('writes the calls of one turn as one write and gives each caller its own results', async () => {
    const { writes, coalesced } = store();
    const results = await Promise.all([coalesced.run(['a', 'b']), coalesced.run(['c']), coalesced.run(['d', 'e', 'f'])]);
    expect(results).toEqual([['A', 'B'], ['C'], ['D', 'E', 'F']]);
    expect(writes).toEqual([['a', 'b', 'c', 'd', 'e', 'f']]);
  });

  it('writes a lone call as it is, and calls of a later turn apart from the write in flight', async () => {
    const { writes, coalesced } = store();
    const first = coalesced.run(['a']);
    await new Promise((r) => setImmediate(r));
    const later = [coalesced.run(['b']), coalesced.run(['c'])];
    expect(await first).toEqual(['A']);
    expect(await Promise.all(later)).toEqual([['B'], ['C']]);
    expect(writes).toEqual([['a'], ['b', 'c']]);
  });

  it('holds the calls made while a write is in flight for one write after it, never two writes at once', async () => {
    let inFlight = 0;
    let most = 0;
    const writes: string[][] = [];
    const coalesced = new CoalescedWrites(async (items: string[]) => {
      writes.push(items);
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return items;
    });
    const first = coalesced.run(['a']);
    await new Promise((r) => setTimeout(r, 1)); // 'a' is being written
    const during = [coalesced.run(['b'])];
    await new Promise((r) => setTimeout(r, 1));
    during.push(coalesced.run(['c']));
    expect(await first).toEqual(['a']);
    expect(await Promise.all(during)).toEqual([['b'], ['c']]);
    expect(writes).toEqual([['a'], ['b', 'c']]);
    expect(most).toBe(1);
  });

  it('writes each call apart when the merged write fails: only the call with the bad item fails', async () => {
    const { writes, coalesced } = store();
    const [good, bad, other] = await Promise.allSettled([coalesced.run(['a']), coalesced.run(['bad', 'b']), coalesced.run(['c'])]);
    expect(good).toEqual({ status: 'fulfilled', value: ['A'] });
    expect(bad).toMatchObject({ status: 'rejected', reason: new Error('refused: bad') });
    expect(other).toEqual({ status: 'fulfilled', value: ['C'] });
    expect(writes).toEqual([['a', 'bad', 'b', 'c'], ['a'], ['bad', 'b'], ['c']]);
  });

  it('tells its observer how long each call waited and what each write to the store did', async () => {
    const waits: number[] = [];
    const wrote: Array<[number, boolean]> = [];
    let started!: () => void;
    let release!: () => void;
    const aStarted = new Promise<void>((r) => (started = r));
    const gate = new Promise<void>((r) => (release = r));
    const write = async (items: string[]) => {
      if (items.includes('a')) {
        started();
        await gate; // 'a' stays in flight until the test lets it go
      }
      if (items.includes('bad')) throw new Error('refused: bad');
      return items;
    };
    const coalesced = new CoalescedWrites(write, { waited: (ms) => waits.push(ms), wrote: (n, _ms, ok) => wrote.push([n, ok]) });
    const first = coalesced.run(['a']);
    await aStarted;
    const behind = [coalesced.run(['bad']), coalesced.run(['b', 'c'])]; // they wait behind 'a'
    await new Promise((r) => setTimeout(r, 5));
    release();
    await Promise.allSettled([first, ...behind]);
    expect(waits).toHaveLength(3);
    expect(Math.min(...waits.slice(1))).toBeGreaterThan(2);
    expect(wrote).toEqual([
      [1, true],
      [3, false],
      [1, false],
      [2, true],
    ]);
  });
});
