/**
 * A latency distribution over a sliding window: the window is cut into slots (HdrHistograms, a fixed array of
 * counts each), a value goes into the current slot, and as time moves on the oldest slot is emptied and reused.
 * Recording allocates nothing and costs about 0.1 µs; prom-client's Summary inserts each value into a t-digest per
 * age bucket (2 µs, a tree node kept per value, and a compression pause now and then), on every prediction.
 * Percentiles are within 1% (two significant digits), and never outside the smallest and largest value the window
 * holds.
 */
import { build, type Histogram } from 'hdr-histogram-js';

/** Values are kept in microseconds, from 1 µs to 10 minutes (a longer one counts as 10 minutes). */
const LOWEST_US = 1;
const HIGHEST_US = 600_000_000;

function histogram(): Histogram {
  return build({
    bitBucketSize: 32,
    autoResize: false,
    lowestDiscernibleValue: LOWEST_US,
    highestTrackableValue: HIGHEST_US,
    numberOfSignificantValueDigits: 2,
    useWebAssembly: false,
  });
}

/** One merge target for every window's percentiles (read on a scrape, never concurrently). */
let merged: Histogram | undefined;

export class SlidingLatency {
  private readonly slots: Histogram[];
  private readonly min: number[];
  private readonly max: number[];
  private readonly slotMs: number;
  private current = 0;
  private slotStart: number;

  constructor(windowSeconds: number, slotCount: number, now = Date.now()) {
    this.slots = Array.from({ length: slotCount }, histogram);
    this.min = new Array<number>(slotCount).fill(Infinity);
    this.max = new Array<number>(slotCount).fill(0);
    this.slotMs = (windowSeconds * 1000) / slotCount;
    this.slotStart = now;
  }

  record(seconds: number, now = Date.now()): void {
    this.advance(now);
    const us = Math.min(HIGHEST_US, Math.max(LOWEST_US, Math.round(seconds * 1e6)));
    const i = this.current;
    this.slots[i].recordValue(us);
    if (us < this.min[i]) this.min[i] = us;
    if (us > this.max[i]) this.max[i] = us;
  }

  /** The given percentiles (0–100) of the window, in seconds; undefined when no value fell in it. */
  percentiles(ps: readonly number[], now = Date.now()): number[] | undefined {
    this.advance(now);
    merged ??= histogram();
    merged.reset();
    let min = Infinity;
    let max = 0;
    for (const [i, slot] of this.slots.entries()) {
      if (slot.totalCount === 0) continue;
      merged.add(slot);
      min = Math.min(min, this.min[i]);
      max = Math.max(max, this.max[i]);
    }
    if (merged.totalCount === 0) return undefined;
    const within = merged;
    return ps.map((p) => Math.min(max, Math.max(min, within.getValueAtPercentile(p))) / 1e6);
  }

  /** Moves the current slot on to `now`, emptying the slots it passes (all of them after a whole idle window). */
  private advance(now: number): void {
    if (now - this.slotStart < this.slotMs) return;
    const passed = Math.floor((now - this.slotStart) / this.slotMs);
    for (let k = 0; k < Math.min(passed, this.slots.length); k++) {
      this.current = (this.current + 1) % this.slots.length;
      this.slots[this.current].reset();
      this.min[this.current] = Infinity;
      this.max[this.current] = 0;
    }
    this.slotStart += passed * this.slotMs;
  }
}
