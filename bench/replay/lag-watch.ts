/**
 * The lag bench's eyes: remembers when each job event was produced and polls a read model for the per-topic
 * sequence it has applied, so an event's lag is the time from its production to the first poll that shows it.
 * The poll interval bounds the error (a 10 ms poll adds 5 ms on average).
 */
export interface ProducedEvent {
  trackingId: string;
  /** Logical topic name (what the read models record the sequence under). */
  topic: string;
  sequence: number;
  producedAt: number;
}

/** Applied sequences of some jobs: trackingId → topic → highest sequence applied. */
export type AppliedSequences = Map<string, Record<string, number>>;

export class VisibilityWatch {
  private readonly pending = new Map<string, ProducedEvent[]>(); // by trackingId, in production order
  private readonly lags: number[] = [];
  private stopped = false;
  private loop?: Promise<void>;

  constructor(
    readonly name: string,
    private readonly read: (trackingIds: string[]) => Promise<AppliedSequences>,
    private readonly intervalMs = 10,
  ) {}

  produced(event: ProducedEvent): void {
    const list = this.pending.get(event.trackingId) ?? [];
    list.push(event);
    this.pending.set(event.trackingId, list);
  }

  get outstanding(): number {
    let n = 0;
    for (const list of this.pending.values()) n += list.length;
    return n;
  }

  start(): void {
    this.loop = (async () => {
      while (!this.stopped) {
        const started = Date.now();
        if (this.pending.size > 0) await this.poll();
        await new Promise((r) => setTimeout(r, Math.max(0, this.intervalMs - (Date.now() - started))));
      }
    })();
  }

  /** Waits until every produced event was seen (or the bound passed); then stops polling. */
  async drain(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.outstanding > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    this.stopped = true;
    await this.loop;
  }

  private async poll(): Promise<void> {
    const applied = await this.read([...this.pending.keys()]);
    const now = Date.now();
    for (const [trackingId, list] of this.pending) {
      const seq = applied.get(trackingId);
      if (!seq) continue;
      const left = list.filter((e) => {
        if ((seq[e.topic] ?? -1) < e.sequence) return true;
        this.lags.push(now - e.producedAt);
        return false;
      });
      if (left.length === 0) this.pending.delete(trackingId);
      else this.pending.set(trackingId, left);
    }
  }

  summary(): string {
    const sorted = [...this.lags].sort((a, b) => a - b);
    const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN);
    return (
      `${this.name}: ${sorted.length} events seen, ${this.outstanding} never; lag p50 ${at(0.5)} ms  p95 ${at(0.95)} ms  ` +
      `p99 ${at(0.99)} ms  max ${sorted.at(-1) ?? NaN} ms`
    );
  }

  p99(): number {
    const sorted = [...this.lags].sort((a, b) => a - b);
    return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))] : NaN;
  }
}
