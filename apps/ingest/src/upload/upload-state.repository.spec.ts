import type { RedisConnection } from '@modelstream/storage';
import { RedisKeys } from '@modelstream/storage';
import { UploadStateRepository } from './upload-state.repository';

describe('UploadStateRepository.withLock', () => {
  afterEach(() => jest.useRealTimers());

  it('releases its lock again once Redis is back, when the release failed (Redis went away mid-request)', async () => {
    jest.useFakeTimers();
    const locks = new Map<string, string>();
    let redisDown = false;
    const client = {
      set: async (key: string, token: string) => (locks.has(key) ? null : (locks.set(key, token), 'OK')),
      eval: async (_script: string, _n: number, key: string, token: string) => {
        if (redisDown) throw new Error('Connection is closed.');
        if (locks.get(key) !== token) return 0;
        locks.delete(key);
        return 1;
      },
    };
    const repository = new UploadStateRepository({ client } as unknown as RedisConnection, new RedisKeys('t:'));
    await repository.withLock('u1', async () => {
      redisDown = true;
    });
    expect(locks.size).toBe(1); // the release failed: the lock is still there
    await jest.advanceTimersByTimeAsync(3000);
    expect(locks.size).toBe(1);
    redisDown = false;
    await jest.advanceTimersByTimeAsync(1000);
    expect(locks.size).toBe(0);
    await expect(repository.withLock('u1', async () => 'next')).resolves.toBe('next');
  });

  it('releases a lock whose SET got no answer (Redis took it, then went away) once Redis is back', async () => {
    jest.useFakeTimers();
    const locks = new Map<string, string>();
    let redisDown = false;
    const client = {
      set: async (key: string, token: string) => {
        locks.set(key, token); // applied, but the answer is lost
        redisDown = true;
        throw new Error('Connection is closed.');
      },
      eval: async (_script: string, _n: number, key: string, token: string) => {
        if (redisDown) throw new Error('Connection is closed.');
        return locks.get(key) === token ? Number(locks.delete(key)) : 0;
      },
    };
    const repository = new UploadStateRepository({ client } as unknown as RedisConnection, new RedisKeys('t:'));
    await expect(repository.withLock('u3', async () => 'never')).rejects.toThrow(/Redis did not answer/);
    expect(locks.size).toBe(1);
    redisDown = false;
    await jest.advanceTimersByTimeAsync(1000);
    expect(locks.size).toBe(0);
  });

  it('answers 409 to a second request while the first holds the lock', async () => {
    const locks = new Set<string>();
    const client = {
      set: async (key: string) => (locks.has(key) ? null : (locks.add(key), 'OK')),
      eval: async (_s: string, _n: number, key: string) => Number(locks.delete(key)),
    };
    const repository = new UploadStateRepository({ client } as unknown as RedisConnection, new RedisKeys('t:'));
    await repository.withLock('u2', async () => {
      await expect(repository.withLock('u2', async () => 'x')).rejects.toThrow(/still being processed/);
    });
  });

  it('withLockedState: sends the GET of the state right behind the lock’s SET, before either answers, and hands it to the work', async () => {
    const sent: string[] = [];
    const state = { trackingId: 'u4', ownerId: 'o1', chunks: [] };
    const client = {
      set: (key: string) => (sent.push(`SET ${key}`), new Promise((r) => setTimeout(() => r('OK'), 5))),
      get: (key: string) => (sent.push(`GET ${key}`), Promise.resolve(JSON.stringify(state))),
      eval: async () => 1,
    };
    const repository = new UploadStateRepository({ client } as unknown as RedisConnection, new RedisKeys('t:'));
    const seen = repository.withLockedState('u4', async (found) => found);
    expect(sent).toEqual(['SET t:upload:u4:lock', 'GET t:upload:u4']); // both out before the lock's answer
    await expect(seen).resolves.toMatchObject(state);
  });

  it('withLockedState: a lock held elsewhere answers 409, the state read is dropped', async () => {
    const client = { set: async () => null, get: async () => Promise.reject(new Error('Connection is closed.')), eval: async () => 1 };
    const repository = new UploadStateRepository({ client } as unknown as RedisConnection, new RedisKeys('t:'));
    await expect(repository.withLockedState('u5', async () => 'never')).rejects.toThrow(/still being processed/);
  });
});
