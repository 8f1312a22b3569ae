import { errorFromResponse, NetworkError } from './errors';
import { retryDecision } from './retry';

const policy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000 };
const half = () => 0.5;

describe('retryDecision', () => {
  it('retries a 503 after its Retry-After, capped at the maximum delay', () => {
    expect(retryDecision(errorFromResponse(503, {}, { retryAfter: '0.2' }), 1, policy)).toEqual({ retry: true, delayMs: 200 });
    expect(retryDecision(errorFromResponse(503, {}, { retryAfter: '60' }), 1, policy)).toEqual({ retry: true, delayMs: 1000 });
  });

  it('backs off exponentially (with jitter) without a Retry-After', () => {
    const e = errorFromResponse(503, {});
    expect([1, 2, 3].map((n) => retryDecision(e, n, policy, { random: half }))).toEqual([
      { retry: true, delayMs: 75 },
      { retry: true, delayMs: 150 },
      { retry: true, delayMs: 300 },
    ]);
  });

  it('stops after the last attempt', () => {
    expect(retryDecision(errorFromResponse(503, {}), 4, policy)).toEqual({ retry: false });
  });

  it('never retries a 4xx about the request, nor a 500', () => {
    for (const status of [400, 404, 409, 413, 500])
      expect(retryDecision(errorFromResponse(status, {}), 1, policy)).toEqual({ retry: false });
    expect(retryDecision(new Error('boom'), 1, policy)).toEqual({ retry: false });
  });

  it('retries no answer only for a request that is safe to repeat', () => {
    const e = new NetworkError('no answer', { status: 0, retryable: true });
    expect(retryDecision(e, 1, policy, { random: half })).toEqual({ retry: true, delayMs: 75 });
    expect(retryDecision(e, 1, policy, { idempotent: false })).toEqual({ retry: false });
    expect(retryDecision(errorFromResponse(503, {}), 1, policy, { idempotent: false, random: half })).toEqual({ retry: true, delayMs: 75 });
  });
});
