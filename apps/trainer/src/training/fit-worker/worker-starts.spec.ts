import { MAX_FAILED_STARTS, START_RETRY_MS, WorkerStarts } from './worker-starts';

describe('WorkerStarts', () => {
  it(`can train until ${MAX_FAILED_STARTS} starts in a row failed, and says why it cannot`, () => {
    const starts = new WorkerStarts();
    for (let i = 1; i < MAX_FAILED_STARTS; i++) starts.failed(`failure ${i}`);
    expect(starts.canTrain).toBe(true);
    expect(starts.problem).toBeNull();
    starts.failed('its backend did not load: no libtensorflow');
    expect(starts.canTrain).toBe(false);
    expect(starts.problem).toBe(
      `no training worker could start (${MAX_FAILED_STARTS} tries in a row); the last one: its backend did not load: no libtensorflow`,
    );
  });

  it('can train again as soon as one starts', () => {
    const starts = new WorkerStarts();
    for (let i = 0; i < MAX_FAILED_STARTS + 2; i++) starts.failed('nope');
    starts.started();
    expect(starts.canTrain).toBe(true);
    starts.failed('once');
    expect(starts.canTrain).toBe(true);
  });

  it('tries again further and further apart, up to the last wait', () => {
    const starts = new WorkerStarts();
    const waits: number[] = [];
    for (let i = 0; i < START_RETRY_MS.length + 2; i++) {
      starts.failed('nope');
      waits.push(starts.retryInMs);
    }
    expect(waits).toEqual([...START_RETRY_MS, START_RETRY_MS.at(-1), START_RETRY_MS.at(-1)]);
  });
});
