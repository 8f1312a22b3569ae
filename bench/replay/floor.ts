/**
 * The replay bench's floor: the thinnest program that writes what a replay wrote. It reads back the final Redis
 * records and indexes, and the final MariaDB rows, that the replay left, and times only writing them again into a
 * fresh prefix / database — a Redis pipeline of the same HSET/ZADD writes, and multi-row INSERTs in one
 * transaction per table. No Kafka, no decode, no fold, no idempotency checks: the replay cannot beat it.
 */
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { RedisKeys } from '@modelstream/storage';

const HISTORY_TABLES = ['training_jobs', 'job_status_transitions', 'job_metrics', 'job_event_cursors'];
const ROWS_PER_INSERT = 1000;

async function scanKeys(redis: Redis, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    keys.push(...found);
  } while (cursor !== '0');
  return keys;
}

/** Rewrites the status records and indexes under `from` to `to`; resolves to the seconds the writes took. */
export async function redisFloor(redis: Redis, from: string, to: string): Promise<{ seconds: number; writes: number }> {
  const hashes = await scanKeys(redis, new RedisKeys(from).pattern('job:*'));
  const sets = await scanKeys(redis, new RedisKeys(from).pattern('jobs*'));
  const read = redis.pipeline();
  for (const key of hashes) read.hgetall(key);
  for (const key of sets) read.zrange(key, 0, -1, 'WITHSCORES');
  const replies = ((await read.exec()) ?? []).map(([, reply]) => reply);
  const started = performance.now();
  const write = redis.pipeline();
  hashes.forEach((key, i) => write.hset(to + key.slice(from.length), replies[i] as Record<string, string>));
  sets.forEach((key, i) => {
    const members = replies[hashes.length + i] as string[];
    const args: string[] = [];
    for (let m = 0; m < members.length; m += 2) args.push(members[m + 1], members[m]);
    if (args.length > 0) write.zadd(to + key.slice(from.length), ...args);
  });
  await write.exec();
  return { seconds: (performance.now() - started) / 1000, writes: hashes.length + sets.length };
}

/** Copies the history tables' rows of `source` into the (empty, migrated) `target`; resolves to the write seconds. */
export async function mariadbFloor(source: DataSource, target: DataSource): Promise<{ seconds: number; rows: number }> {
  const tables = await Promise.all(HISTORY_TABLES.map(async (t) => [t, (await source.query(`SELECT * FROM ${t}`)) as object[]] as const));
  const started = performance.now();
  let count = 0;
  for (const [table, rows] of tables) {
    if (rows.length === 0) continue;
    const columns = Object.keys(rows[0]);
    await target.transaction(async (em) => {
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
        const chunk = rows.slice(i, i + ROWS_PER_INSERT).map((r) => columns.map((c) => (r as Record<string, unknown>)[c]));
        await em.query(
          `INSERT INTO ${table} (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES ${chunk.map(() => '(?)').join(', ')}`,
          chunk,
        );
      }
    });
    count += rows.length;
  }
  return { seconds: (performance.now() - started) / 1000, rows: count };
}
