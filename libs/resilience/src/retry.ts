/**
 * The one retry helper of modelstream: exponential backoff (exponential-backoff) with an optional jitter,
 * a bound on attempts (or none, for "until stopped" loops), a predicate that gives up at once on failures
 * no retry can fix, and a hook before each wait for logs, metrics or a consumer heartbeat.
 */
import { backOff } from 'exponential-backoff';

export interface RetryOptions {
  /** Tries in all, the first included; `Infinity` retries until `retryIf` says stop. */
  attempts: number;
  /** Wait before the second try; each later wait is `factor` times longer, up to `maxDelayMs`. */
  initialDelayMs: number;
  maxDelayMs?: number;
  factor?: number;
  /** Waits a random part of each delay (spreads racing retries apart). */
  jitter?: boolean;
  /** Whether this failure deserves another try (default: every failure does). */
  retryIf?: (error: unknown, attempt: number) => boolean | Promise<boolean>;
  /** Called after a failed try that will be retried (attempt counts from 1). */
  onRetry?: (error: unknown, attempt: number) => void | Promise<void>;
}

/** Runs `operation` until it succeeds or the options say stop; rejects with the last failure. */
export function retry<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  let attempt = 0;
  return backOff(() => operation(++attempt), {
    numOfAttempts: options.attempts,
    startingDelay: options.initialDelayMs,
    maxDelay: options.maxDelayMs ?? Number.POSITIVE_INFINITY,
    timeMultiple: options.factor ?? 2,
    jitter: options.jitter ? 'full' : 'none',
    retry: async (error: unknown, tried: number) => {
      if (tried >= options.attempts) return false; // exponential-backoff asks after the last try too
      if (options.retryIf && !(await options.retryIf(error, tried))) return false;
      await options.onRetry?.(error, tried);
      return true;
    },
  });
}

/** Waits `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
