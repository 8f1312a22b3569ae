import type Redis from 'ioredis';
import { MessageMeta, RetryCounter } from '@modelstream/kafka';

const TTL_SECONDS = 7 * 24 * 3600;

/**
 * Failed attempts per message, kept in Redis (not in MariaDB: a database outage is the failure being
 * counted), so a restarted projector continues the count instead of retrying a poisoned message forever.
 */
export class RedisRetryCounter implements RetryCounter {
  constructor(
    private readonly redis: Redis,
    private readonly groupId: string,
    private readonly prefix = 'ms:retries:',
  ) {}

  key(meta: Pick<MessageMeta, 'topic' | 'partition' | 'offset'>): string {
    return `${this.prefix}${this.groupId}:${meta.topic}:${meta.partition}:${meta.offset}`;
  }

  async attempts(meta: MessageMeta): Promise<number> {
    return Number((await this.redis.hget(this.key(meta), 'attempts')) ?? 0);
  }

  async increment(meta: MessageMeta, error: unknown): Promise<number> {
    const key = this.key(meta);
    const [[, attempts]] = (await this.redis
      .multi()
      .hincrby(key, 'attempts', 1)
      .hset(key, 'lastError', error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500))
      .expire(key, TTL_SECONDS)
      .exec()) as [[Error | null, number], ...unknown[]];
    return Number(attempts);
  }

  async clear(meta: MessageMeta): Promise<void> {
    await this.redis.del(this.key(meta));
  }
}
