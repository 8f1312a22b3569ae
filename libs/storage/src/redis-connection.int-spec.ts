import { randomUUID } from 'node:crypto';
import { loadConfig } from '@modelstream/config';
import { RedisConnection } from './redis-connection';

describe('RedisConnection (real Redis)', () => {
  const redis = new RedisConnection(loadConfig());
  const key = `it:${randomUUID()}`;

  afterAll(async () => {
    await redis.client.del(key);
    await redis.onApplicationShutdown();
  });

  it('round-trips a hash and publishes to a subscriber', async () => {
    await redis.client.hset(key, { status: 'pending', progress: '0' });
    expect(await redis.client.hgetall(key)).toEqual({ status: 'pending', progress: '0' });

    const sub = redis.duplicate('it-sub');
    const got = new Promise<string>((resolve) => sub.on('message', (_channel: string, message: string) => resolve(message)));
    await sub.subscribe(key);
    await redis.client.publish(key, 'changed');
    expect(await got).toBe('changed');
  });

  it('reports itself healthy', async () => {
    await redis.client.ping();
    await expect(redis.ping()).resolves.toBeUndefined();
  });
});
