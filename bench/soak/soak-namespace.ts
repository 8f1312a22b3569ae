/**
 * The soak's own namespace on the shared stack: its topics and consumer groups, Redis keys, database and
 * buckets are apart from a user's apps and from the test suite's (which its global setup resets).
 */
import { createConnection } from 'mysql2/promise';
import { loadConfig } from '@modelstream/config';

export function soakEnv(): Record<string, string> {
  return {
    KAFKA_NAMESPACE: 'soak.',
    REDIS_KEY_PREFIX: 'soak:ms:',
    MARIADB_DATABASE: 'modelstream_soak',
    S3_BUCKET_UPLOADS: 'modelstream-soak-uploads',
    S3_BUCKET_RESULTS: 'modelstream-soak-results',
    // The status API reads the job's final state; a soak job is never stale for the watchdog.
    WATCHDOG_INTERVAL_MS: '0',
  };
}

/** Creates the soak's database once (the ingest app migrates it at start). */
export async function soakDatabase(): Promise<void> {
  const config = loadConfig();
  const db = await createConnection({
    host: config.MARIADB_HOST,
    port: config.MARIADB_PORT,
    user: config.MARIADB_USER,
    password: config.MARIADB_PASSWORD,
  });
  try {
    await db.query(`CREATE DATABASE IF NOT EXISTS \`${config.MARIADB_DATABASE}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await db.end();
  }
}
