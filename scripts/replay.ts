/**
 * npm run replay -- [options]
 *
 * Rebuilds the Redis job status and the MariaDB job history from the beginning of the job topics, with a
 * fresh consumer group that reads up to the end offsets captured at start and then stops (the live
 * projectors are not disturbed). Replaying into stores that already hold the state changes nothing.
 *
 *   --redis-prefix <p>   rebuild Redis under this key prefix (default REDIS_KEY_PREFIX, the live one); e.g. rebuild:
 *   --database <name>    rebuild MariaDB into this database (created if missing; default MARIADB_DATABASE)
 *   --flush              empty the target first (the status keys of the prefix, the history tables)
 *   --no-redis           skip Redis            --no-mariadb   skip MariaDB
 *   --concurrency <n>    partitions replayed at once (default 2: one partition's fetch and fold overlap the other's writes; more contend for the same jobs' rows)
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { parseArgs } from 'node:util';
import { loadConfig } from '@modelstream/config';
import { EventCodec, KafkaClient } from '@modelstream/kafka';
import { emptyHistoryTables, openHistoryDatabase } from '@modelstream/storage';
import { replayJobTopics, flushStatusKeys } from '@modelstream/ingest-ops';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'redis-prefix': { type: 'string' },
      database: { type: 'string' },
      flush: { type: 'boolean', default: false },
      'no-redis': { type: 'boolean', default: false },
      'no-mariadb': { type: 'boolean', default: false },
      concurrency: { type: 'string', default: '2' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'usage: npm run replay -- [--redis-prefix p] [--database name] [--flush] [--no-redis] [--no-mariadb] [--concurrency n]\n',
    );
    return;
  }
  Logger.overrideLogger(['error', 'warn']);
  const config = loadConfig();
  const database = values.database ?? config.MARIADB_DATABASE;
  const prefix = values['redis-prefix'] ?? config.REDIS_KEY_PREFIX;
  const kafka = new KafkaClient(config);
  const codec = new EventCodec(config);
  const redis = values['no-redis'] ? undefined : new Redis(config.REDIS_URL, { maxRetriesPerRequest: 30 });
  const ds = values['no-mariadb'] ? undefined : await openHistoryDatabase(config, database);
  try {
    if (values.flush) {
      if (redis) process.stdout.write(`deleted ${await flushStatusKeys(redis, prefix)} status keys under '${prefix}'\n`);
      if (ds) {
        await emptyHistoryTables(ds);
        process.stdout.write(`emptied the history tables of '${database}'\n`);
      }
    }
    process.stdout.write(
      `replaying into ${[redis && `Redis prefix '${prefix}'`, ds && `MariaDB database '${database}'`].filter(Boolean).join(' and ')}\n`,
    );
    const result = await replayJobTopics({
      kafka,
      codec,
      redis: redis ? { client: redis, prefix } : undefined,
      database: ds,
      partitionsConsumedConcurrently: Number(values.concurrency),
      progressEvery: 5000,
      onProgress: (done, total) => process.stdout.write(`  ${done}/${total} messages\n`),
    });
    process.stdout.write(
      `replayed ${result.events} events in ${result.seconds.toFixed(1)} s (${Math.round(result.events / Math.max(result.seconds, 0.001))} events/s): ` +
        `${result.appliedToRedis} changed Redis, ${result.appliedToMariadb} changed MariaDB; skipped ${result.undecodable} undecodable ` +
        `and ${result.rejected} that no projection can store (each named above; the live consumers dead-letter them) ` +
        `(group ${result.groupId}, deleted)\n`,
    );
  } finally {
    await Promise.allSettled([ds?.destroy(), redis?.quit(), kafka.onApplicationShutdown()]);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`replay failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
