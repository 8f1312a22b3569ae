/**
 * Per-job event sequences that only grow, also across processes: a hybrid logical clock in microseconds
 * (wall clock, bumped past the last value handed out). A trainer that takes a job over after another died
 * therefore emits sequences above the dead one's, and projectors that drop "sequence <= last applied"
 * never drop its events. Values stay below 2^53 until the year 2255.
 */
export class SequenceClock {
  private last = 0;

  constructor(private readonly now: () => number = Date.now) {}

  next(): number {
    const candidate = this.now() * 1000;
    this.last = candidate > this.last ? candidate : this.last + 1;
    return this.last;
  }
}
