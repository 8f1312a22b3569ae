/**
 * The bounded cache of loaded models: least recently used first out, bounded by count and by bytes.
 * Concurrent cold requests for one key share one load (single-flight). An evicted model is disposed
 * only when no request is still using it, so eviction never pulls weights from under a prediction.
 */
export interface Disposable {
  readonly bytes: number;
  dispose(): void;
}

export interface CacheEntryInfo {
  key: string;
  bytes: number;
  loadedAt: Date;
  lastUsedAt: Date;
  loadMs: number;
  hits: number;
}

interface Entry<T> extends Omit<CacheEntryInfo, 'lastUsedAt'> {
  /** Epoch ms: a Date is made only when the cache is listed, not on every use. */
  lastUsedMs: number;
  value: T;
  leases: number;
  evicted: boolean;
}

export interface CacheEvents {
  onLoaded?: (key: string, bytes: number, loadMs: number) => void;
  onEvicted?: (key: string, bytes: number, reason: 'count' | 'bytes' | 'api') => void;
}

export class LruModelCache<T extends Disposable> {
  /** Map iteration order is insertion order: re-inserting on use keeps the least recently used first. */
  private readonly entries = new Map<string, Entry<T>>();
  /** The entry last inserted into `entries` (its last in order): using it again needs no re-insertion. */
  private newest?: Entry<T>;
  private readonly inflight = new Map<string, Promise<Entry<T>>>();
  private readonly loadCounts = new Map<string, number>();
  private totalBytes = 0;

  constructor(
    readonly maxEntries: number,
    readonly maxBytes: number,
    private readonly events: CacheEvents = {},
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** How many times `key` was loaded since the process started (a concurrent burst counts once). */
  loadCount(key: string): number {
    return this.loadCounts.get(key) ?? 0;
  }

  list(): CacheEntryInfo[] {
    return [...this.entries.values()].reverse().map(({ key, bytes, loadedAt, lastUsedMs, loadMs, hits }) => ({
      key,
      bytes,
      loadedAt,
      lastUsedAt: new Date(lastUsedMs),
      loadMs,
      hits,
    }));
  }

  /** Runs `use` with the cached value of `key`, loading it first (once, however many callers wait) when missing. */
  async use<R>(key: string, load: () => Promise<T>, use: (value: T, cached: boolean) => R | Promise<R>): Promise<R> {
    let entry = this.entries.get(key);
    const cached = entry !== undefined;
    if (entry) {
      this.touch(entry);
    } else {
      entry = await this.load(key, load);
    }
    entry.leases++;
    try {
      return await use(entry.value, cached);
    } finally {
      entry.leases--;
      if (entry.evicted && entry.leases === 0) entry.value.dispose();
    }
  }

  /**
   * Runs `use` with the cached value of `key` at once, when it is loaded: `{ value }` of its result, else undefined
   * (then `use` is the way). For a `use` that does not wait: the value is leased only while it runs.
   */
  useLoaded<R>(key: string, use: (value: T) => R): { value: R } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.touch(entry);
    entry.leases++;
    try {
      return { value: use(entry.value) };
    } finally {
      entry.leases--;
      if (entry.evicted && entry.leases === 0) entry.value.dispose();
    }
  }

  /** Loads `key` if missing; answers whether it was already loaded. */
  async preload(key: string, load: () => Promise<T>): Promise<boolean> {
    return this.use(key, load, (_, cached) => cached);
  }

  evict(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.remove(entry, 'api');
    return true;
  }

  clear(): void {
    for (const entry of [...this.entries.values()]) this.remove(entry, 'api');
  }

  private load(key: string, load: () => Promise<T>): Promise<Entry<T>> {
    const pending = this.inflight.get(key);
    if (pending) return pending;
    const started = Date.now();
    const promise = load()
      .then((value) => {
        const now = new Date();
        const entry: Entry<T> = {
          key,
          value,
          bytes: value.bytes,
          loadedAt: now,
          lastUsedMs: now.getTime(),
          loadMs: Date.now() - started,
          hits: 0,
          leases: 0,
          evicted: false,
        };
        this.loadCounts.set(key, this.loadCount(key) + 1);
        this.entries.set(key, entry);
        this.newest = entry;
        this.totalBytes += entry.bytes;
        this.events.onLoaded?.(key, entry.bytes, entry.loadMs);
        this.enforceBounds(entry);
        return entry;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, promise);
    return promise;
  }

  private touch(entry: Entry<T>): void {
    entry.hits++;
    entry.lastUsedMs = Date.now();
    if (entry === this.newest) return;
    this.entries.delete(entry.key);
    this.entries.set(entry.key, entry);
    this.newest = entry;
  }

  /** Evicts least recently used entries until both bounds hold; never the one just loaded (it may be alone over the byte bound). */
  private enforceBounds(keep: Entry<T>): void {
    for (const entry of [...this.entries.values()]) {
      const overCount = this.entries.size > this.maxEntries;
      const overBytes = this.totalBytes > this.maxBytes;
      if (!overCount && !overBytes) return;
      if (entry === keep) continue;
      this.remove(entry, overCount ? 'count' : 'bytes');
    }
  }

  private remove(entry: Entry<T>, reason: 'count' | 'bytes' | 'api'): void {
    this.entries.delete(entry.key);
    if (entry === this.newest) this.newest = undefined;
    this.totalBytes -= entry.bytes;
    entry.evicted = true;
    this.events.onEvicted?.(entry.key, entry.bytes, reason);
    if (entry.leases === 0) entry.value.dispose();
  }
}
