import { retry } from './retry';

describe('retry', () => {
  it('tries again until the operation succeeds', async () => {
    const seen: number[] = [];
    const value = await retry(
      async (attempt) => {
        seen.push(attempt);
        if (attempt < 3) throw new Error(`failure ${attempt}`);
        return 'done';
      },
      { attempts: 5, initialDelayMs: 1 },
    );
    expect(value).toBe('done');
    expect(seen).toEqual([1, 2, 3]);
  });

  it('gives up after the bound with the last failure', async () => {
    const retried: number[] = [];
    await expect(
      retry(
        async (attempt) => {
          throw new Error(`failure ${attempt}`);
        },
        { attempts: 3, initialDelayMs: 1, onRetry: (_e, attempt) => void retried.push(attempt) },
      ),
    ).rejects.toThrow('failure 3');
    expect(retried).toEqual([1, 2]);
  });

  it('stops at once when retryIf says the failure cannot be cured', async () => {
    let tries = 0;
    await expect(
      retry(
        async () => {
          tries++;
          throw new TypeError('permanent');
        },
        { attempts: 10, initialDelayMs: 1, retryIf: (e) => !(e instanceof TypeError) },
      ),
    ).rejects.toThrow('permanent');
    expect(tries).toBe(1);
  });

  it('waits longer after each failure, up to the maximum', async () => {
    const times: number[] = [];
    await retry(
      async (attempt) => {
        times.push(performance.now());
        if (attempt < 4) throw new Error('again');
      },
      { attempts: 4, initialDelayMs: 20, factor: 2, maxDelayMs: 40 },
    );
    const waits = times.slice(1).map((t, i) => t - times[i]);
    expect(waits[0]).toBeGreaterThanOrEqual(15);
    expect(waits[1]).toBeGreaterThanOrEqual(35);
    expect(waits[2]).toBeLessThan(200);
  });
});
