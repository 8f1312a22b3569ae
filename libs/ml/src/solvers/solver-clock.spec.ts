import { chunkRows, SolverClock } from './solver-clock';

describe('SolverClock', () => {
  it('sizes chunks by the work per row: narrow rows 8192 at a time, wide ones fewer, in blocks of 8', () => {
    expect(chunkRows(40)).toBe(8192);
    expect(chunkRows(20_000)).toBe(96);
    expect(chunkRows(2_000 * 2_001)).toBe(8);
    for (const work of [1, 333, 4_567, 99_999]) expect(chunkRows(work) % 8).toBe(0);
  });

  it('heartbeats and asks for a cancel only once tickMs has passed, and remembers the reason', async () => {
    let ticks = 0;
    let reason: string | null = null;
    const clock = new SolverClock({ tickMs: 60_000, onTick: () => void ticks++, stopReason: () => reason });
    expect(await clock.pulse()).toBe(false);
    expect(ticks).toBe(0);
    const eager = new SolverClock({ tickMs: 0, onTick: () => void ticks++, stopReason: () => reason });
    expect(await eager.pulse()).toBe(false);
    reason = 'stop';
    expect(await eager.pulse()).toBe(true);
    expect(ticks).toBe(2);
    reason = null;
    expect(await eager.pulse()).toBe(true);
    expect(eager.cancelled).toBe('stop');
  });

  it('records each iteration as an epoch log and reports it', async () => {
    const seen: number[] = [];
    const clock = new SolverClock({ onEpochEnd: (log) => void seen.push(log.epoch) });
    await clock.iterationEnd(1, 10, 0.5, { val_loss: 0.6 }, 1000);
    await clock.iterationEnd(2, 10, 0.4, { val_loss: 0.5 }, 1000);
    expect(seen).toEqual([1, 2]);
    expect(clock.history.map((l) => [l.epoch, l.epochs, l.loss])).toEqual([
      [1, 10, 0.5],
      [2, 10, 0.4],
    ]);
    expect(clock.history[0].rowsPerSecond).toBeGreaterThan(0);
  });
});
