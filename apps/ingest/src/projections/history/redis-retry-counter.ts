import { Injectable } from '@nestjs/common';
import { MessageOrigin, RetryCounter } from '@modelstream/kafka';
import { RedisConnection, RedisKeys } from '@modelstream/storage';

const TTL_SECONDS = 7 * 24 * 3600;

/**
 * Failed attempts per message, kept in Redis (not in MariaDB: a database outage is the failure being
 * counted), so a restarted projector continues the count instead of retrying a poisoned message forever.
 */
@Injectable()
export class RedisRetryCounter implements RetryCounter {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: RedisKeys,
  ) {}

  key({ group, topic, partition, offset }: MessageOrigin): string {
    return this.keys.retries(group, topic, partition, offset);
  }

  async attempts(origin: MessageOrigin): Promise<number> {
    return Number((await this.redis.client.hget(this.key(origin), 'attempts')) ?? 0);
  }

  async increment(origin: MessageOrigin, error: unknown): Promise<number> {
    const key = this.key(origin);
    const [[, attempts]] = (await this.redis.client
      .multi()
      .hincrby(key, 'attempts', 1)
      .hset(key, 'lastError', error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500))
      .expire(key, TTL_SECONDS)
      .exec()) as [[Error | null, number], ...unknown[]];
    return Number(attempts);
  }

  async clear(origin: MessageOrigin): Promise<void> {
    await this.redis.client.del(this.key(origin));
  }
}
