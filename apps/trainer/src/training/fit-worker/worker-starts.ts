/**
 * The record of fit-worker starts (pure): a trainer whose workers failed to start this many times in a
 * row cannot train — its health check says so — until one starts again. Failed starts are tried again,
 * further and further apart.
 */
export const MAX_FAILED_STARTS = 3;

/** Waits before the next start after 1, 2, 3… failures in a row (the last one repeats). */
export const START_RETRY_MS: readonly number[] = [1000, 5000, 15_000, 30_000, 60_000];

export class WorkerStarts {
  private failuresInARow = 0;
  private lastFailure = '';

  constructor(
    private readonly retryAfterMs: readonly number[] = START_RETRY_MS,
    readonly maxFailuresInARow = MAX_FAILED_STARTS,
  ) {}

  started(): void {
    this.failuresInARow = 0;
    this.lastFailure = '';
  }

  failed(reason: string): void {
    this.failuresInARow++;
    this.lastFailure = reason;
  }

  get canTrain(): boolean {
    return this.failuresInARow < this.maxFailuresInARow;
  }

  /** Why the trainer cannot train, or null while it can. */
  get problem(): string | null {
    if (this.canTrain) return null;
    return `no training worker could start (${this.failuresInARow} tries in a row); the last one: ${this.lastFailure}`;
  }

  /** How long to wait before the next start after the failures so far. */
  get retryInMs(): number {
    return this.retryAfterMs[Math.min(Math.max(this.failuresInARow - 1, 0), this.retryAfterMs.length - 1)];
  }
}
