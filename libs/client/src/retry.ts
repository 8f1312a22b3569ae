/** When to send a request again: a 503/429 or no answer at all, with exponential backoff that honours Retry-After. */
import { ModelstreamError, NetworkError } from './errors';

export interface RetryPolicy {
  /** Attempts in all, the first included (1 = no retry). */
  attempts: number;
  /** Delay before the first retry, doubled each time (with jitter), at most `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 15_000 };

export type RetryDecision = { retry: false } | { retry: true; delayMs: number };

/**
 * Whether attempt number `attempt` (1-based) that failed with `error` is worth another, and after how long.
 * Retried: 503 and 429 answers (after their Retry-After when sent, capped at `maxDelayMs`) and, for requests that
 * are safe to repeat (`idempotent`, the default), ones that got no answer; never a 4xx about the request itself
 * nor a 500.
 */
export function retryDecision(
  error: unknown,
  attempt: number,
  policy: RetryPolicy = DEFAULT_RETRY,
  options: { idempotent?: boolean; random?: () => number } = {},
): RetryDecision {
  if (attempt >= policy.attempts) return { retry: false };
  if (!(error instanceof ModelstreamError) || !error.retryable) return { retry: false };
  // No answer to a request that is not safe to repeat: it may have been carried out, so it is not sent again.
  if (error instanceof NetworkError && options.idempotent === false) return { retry: false };
  const random = options.random ?? Math.random;
  if (error.retryAfterMs !== undefined) return { retry: true, delayMs: Math.min(error.retryAfterMs, policy.maxDelayMs) };
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return { retry: true, delayMs: Math.round(exponential / 2 + (random() * exponential) / 2) };
}

export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
