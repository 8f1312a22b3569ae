import type Redis from 'ioredis';
import { RedisKeys } from '@modelstream/storage';

/** Deletes every key matching `<prefix><glob>` (SCAN + UNLINK, in batches); returns how many. */
export async function deleteRedisKeys(redis: Redis, prefix: string, glob = '*'): Promise<number> {
  const pattern = new RedisKeys(prefix).pattern(glob); // refuses an empty prefix
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}

/**
 * Deletes the status projection's keys under a prefix (`job:<id>` records and the `jobs*` indexes) and
 * nothing else: upload sessions and other state under the same prefix stay.
 */
export async function flushStatusKeys(redis: Redis, prefix: string): Promise<number> {
  return (await deleteRedisKeys(redis, prefix, 'job:*')) + (await deleteRedisKeys(redis, prefix, 'jobs*'));
}
