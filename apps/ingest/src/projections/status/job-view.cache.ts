/**
 * The views of recently read jobs, in process, as Redis holds them (the JSON and its owner): a status poll of a job
 * read a moment ago is answered without a round trip, the JSON sent on as stored.
 *
 * A cached view is never newer than Redis and is forgotten, never updated, on a sign of change:
 * - this process's own write of the job (the projection forgets it before the compare-and-set goes out, so the next
 *   read, queued behind that write on the same connection, sees it: read-your-writes);
 * - another process's write, by the change it publishes in the same script (job-status.record.ts), which the change
 *   feed passes on (`forget`);
 * - a read in flight when the job changes is answered but not kept (it may have read the view before the change);
 * - a deletion publishes nothing (a replay's flush, Redis losing its last writes): an entry lives `ttlMs` at most.
 *
 * The cache is used only while the change feed is subscribed (`live`): the feed's connection dropping empties it and
 * reads go to Redis until the feed is subscribed again. Concurrent reads of one job share one round trip.
 */
export interface StoredView {
  json: string;
  ownerId: string;
}

interface Entry {
  view: StoredView;
  until: number;
}

/** A read in flight; `changed` once the job changed while it was. */
interface Flight {
  view: Promise<StoredView | null>;
  changed: boolean;
}

export interface JobViewCacheOptions {
  /** How long a view is kept at most (what a deletion, which publishes nothing, may go unseen for). */
  ttlMs: number;
  /** How many jobs' views are kept; the oldest is dropped first. */
  capacity: number;
  now?: () => number;
}

export class JobViewCache {
  private readonly entries = new Map<string, Entry>();
  private readonly flights = new Map<string, Flight>();
  private isLive = false;
  /** Counts the times the cache was emptied: a read that started before cannot fill it after. */
  private generation = 0;
  private readonly now: () => number;

  constructor(private readonly options: JobViewCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  get live(): boolean {
    return this.isLive;
  }

  /** Whether changes are being heard; set by the change feed. Either way the cache starts empty. */
  set live(live: boolean) {
    this.isLive = live;
    this.clear();
  }

  /** The job's view: the cached one while live and fresh, else `load`'s (kept when nothing changed meanwhile). */
  read(trackingId: string, load: () => Promise<StoredView | null>): Promise<StoredView | null> {
    if (!this.isLive) return load();
    const hit = this.entries.get(trackingId);
    if (hit !== undefined) {
      if (hit.until > this.now()) return Promise.resolve(hit.view);
      this.entries.delete(trackingId);
    }
    const inFlight = this.flights.get(trackingId);
    if (inFlight !== undefined) return inFlight.view;
    const generation = this.generation;
    const flight: Flight = { view: load(), changed: false };
    this.flights.set(trackingId, flight);
    const landed = () => {
      if (this.flights.get(trackingId) === flight) this.flights.delete(trackingId);
    };
    flight.view.then((view) => {
      landed();
      if (view !== null && !flight.changed && generation === this.generation && this.isLive) this.keep(trackingId, view);
    }, landed);
    return flight.view;
  }

  /** The job changed (or is about to): its cached view goes, and a read in flight is not kept. */
  forget(trackingId: string): void {
    this.entries.delete(trackingId);
    const flight = this.flights.get(trackingId);
    if (flight !== undefined) {
      flight.changed = true;
      this.flights.delete(trackingId); // a read from now on makes its own round trip, after the change
    }
  }

  /** Forgets every job (changes may have gone unheard). */
  clear(): void {
    this.generation++;
    this.entries.clear();
    for (const flight of this.flights.values()) flight.changed = true;
    this.flights.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private keep(trackingId: string, view: StoredView): void {
    this.entries.delete(trackingId);
    this.entries.set(trackingId, { view, until: this.now() + this.options.ttlMs });
    if (this.entries.size > this.options.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}
