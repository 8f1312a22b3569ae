/**
 * Group commit for batch writes: the calls made while the event loop finishes one turn (a Kafka fetch hands each
 * partition's batch to its handler at once), and those made while a write is in flight, go to the store as one
 * write; each caller gets its own part of the results. One write at a time: a fetch over ten partitions costs one
 * transaction's round trips, not ten interleaved on one connection pool and one event loop, and two transactions
 * never wait on each other's row locks (a job's events on two topics arrive in two partitions' batches).
 *
 * A merged write that fails is not retried as such: each call's items are written apart, so one partition's bad
 * event fails only its own batch (whose caller then goes one event at a time), never its neighbours'.
 */
export type BatchWrite<T, R> = (items: T[]) => Promise<R[]>;

/** What a caller's metrics learn: how long calls wait for their write, and each write to the store. */
export interface WriteObserver {
  /** A call waited `ms` for its write to start (behind the write in flight, or until the end of its turn). */
  waited(ms: number): void;
  /** One write to the store: `items` items in `ms`; `ok` false when it failed. */
  wrote(items: number, ms: number, ok: boolean): void;
}

interface Waiting<T, R> {
  items: T[];
  queuedAt: number;
  resolve: (results: R[]) => void;
  reject: (error: unknown) => void;
}

const NO_OBSERVER: WriteObserver = { waited: () => undefined, wrote: () => undefined };

export class CoalescedWrites<T, R> {
  private waiting: Waiting<T, R>[] = [];
  /** A write is in flight, or one is scheduled for the end of this turn. */
  private busy = false;

  constructor(
    private readonly store: BatchWrite<T, R>,
    private readonly observer: WriteObserver = NO_OBSERVER,
  ) {}

  /** Writes `items` with whatever else is asked in this turn or during the write before; resolves to their results, in order. */
  run(items: T[]): Promise<R[]> {
    return new Promise<R[]>((resolve, reject) => {
      this.waiting.push({ items, queuedAt: performance.now(), resolve, reject });
      if (!this.busy) this.schedule();
    });
  }

  private schedule(): void {
    this.busy = true;
    setImmediate(() => {
      const group = this.waiting;
      this.waiting = [];
      void this.flush(group).finally(() => {
        if (this.waiting.length > 0) this.schedule();
        else this.busy = false;
      });
    });
  }

  private async flush(group: Waiting<T, R>[]): Promise<void> {
    const now = performance.now();
    for (const w of group) this.observer.waited(now - w.queuedAt);
    if (group.length === 1) return this.apart(group[0]);
    let results: R[];
    try {
      results = await this.write(group.flatMap((w) => w.items));
    } catch {
      await Promise.all(group.map((w) => this.apart(w)));
      return;
    }
    let at = 0;
    for (const w of group) w.resolve(results.slice(at, (at += w.items.length)));
  }

  private async write(items: T[]): Promise<R[]> {
    const started = performance.now();
    try {
      const results = await this.store(items);
      this.observer.wrote(items.length, performance.now() - started, true);
      return results;
    } catch (error) {
      this.observer.wrote(items.length, performance.now() - started, false);
      throw error;
    }
  }

  private async apart(w: Waiting<T, R>): Promise<void> {
    try {
      w.resolve(await this.write(w.items));
    } catch (error) {
      w.reject(error);
    }
  }
}
