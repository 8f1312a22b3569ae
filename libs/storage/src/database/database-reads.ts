import { DependencyUnavailableError } from '@modelstream/contracts';

const CONNECTION_LOST = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|PROTOCOL_CONNECTION_LOST|ER_CON_COUNT_ERROR|EPIPE/;

/** A read while MariaDB is unreachable answers 503 (retry later), not 500. */
export async function readingDatabase<T>(read: () => Promise<T>, what = 'The history database'): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const code = (error as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (error as { code?: string }).code;
    if (code && CONNECTION_LOST.test(code)) {
      throw new DependencyUnavailableError('mariadb', `${what} cannot be reached (${code}). Retry in a moment.`);
    }
    throw error;
  }
}
