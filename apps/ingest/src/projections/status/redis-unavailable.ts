import { DependencyUnavailableError, DomainError } from '@modelstream/contracts';

/** Runs a Redis read for an HTTP request: a Redis outage becomes a retryable 503, not a 500. */
export async function readingRedis<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DependencyUnavailableError(
      'redis',
      'Redis, which holds job status, did not answer. Retry shortly.',
      5,
      (error as Error).message,
    );
  }
}
