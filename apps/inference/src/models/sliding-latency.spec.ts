import { SlidingLatency } from './sliding-latency';

describe('SlidingLatency', () => {
  const t0 = Date.parse('2026-01-01T00:00:00Z');

  it('answers percentiles within 1%, never outside the values it holds', () => {
    const latency = new SlidingLatency(600, 5, t0);
    expect(latency.percentiles([50, 99], t0)).toBeUndefined();
    for (let ms = 1; ms <= 1000; ms++) latency.record(ms / 1000, t0);
    const [p50, p99, p100] = latency.percentiles([50, 99, 100], t0)!;
    expect(p50).toBeCloseTo(0.5, 2);
    expect(Math.abs(p99 - 0.99) / 0.99).toBeLessThan(0.01);
    expect(p100).toBe(1);
    const one = new SlidingLatency(600, 5, t0);
    one.record(0.0123, t0);
    expect(one.percentiles([0, 50, 99], t0)).toEqual([0.0123, 0.0123, 0.0123]);
  });

  it('forgets a slot once the window has moved past it, and everything after an idle window', () => {
    const latency = new SlidingLatency(600, 5, t0); // 2-minute slots
    latency.record(0.1, t0);
    latency.record(0.2, t0 + 130_000); // the second slot
    expect(latency.percentiles([100], t0 + 130_000)).toEqual([0.2]);
    expect(latency.percentiles([0], t0 + 130_000)).toEqual([0.1]);
    expect(latency.percentiles([0], t0 + 600_000)).toEqual([0.2]); // the first slot has left the window
    expect(latency.percentiles([0], t0 + 730_000)).toBeUndefined(); // so has the second
    latency.record(0.3, t0 + 5_000_000); // long idle: the slots are all empty and it records again
    expect(latency.percentiles([0, 100], t0 + 5_000_000)).toEqual([0.3, 0.3]);
  });

  it('clamps values outside what it tracks (under 1 µs, over 10 minutes)', () => {
    const latency = new SlidingLatency(600, 5, t0);
    latency.record(0, t0);
    latency.record(3600, t0);
    expect(latency.percentiles([0, 100], t0)).toEqual([0.000001, 600]);
  });
});
