import type { AppConfig } from '@modelstream/config';
import { TooManyRequestsError } from '@modelstream/contracts';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { EventEmitter } from 'node:events';
import { KeyLimits, RateLimited, RateLimitGuard, TokenBucket } from './rate-limit';

const config = (uploads: number, predictions: number, concurrent: number) =>
  ({
    RATE_LIMIT_UPLOADS_PER_MINUTE: uploads,
    RATE_LIMIT_PREDICTIONS_PER_MINUTE: predictions,
    CONCURRENT_REQUESTS_PER_KEY: concurrent,
  }) as AppConfig;

describe('TokenBucket', () => {
  it('lets ten seconds of the rate through at once, then one token per 1/rate', () => {
    const bucket = new TokenBucket(60, 0); // one a second, a burst of ten
    for (let i = 0; i < 10; i++) expect(bucket.take(0)).toBe(0);
    expect(bucket.take(0)).toBe(1000);
    expect(bucket.take(999)).toBe(1);
    expect(bucket.take(1000)).toBe(0);
  });
});

describe('KeyLimits', () => {
  it('answers 429 with Retry-After once a key is over its rate, other keys and kinds unaffected', () => {
    const limits = new KeyLimits(config(6, 600, 100));
    limits.admit('a', 'uploads', 0)(); // a burst of one (6 a minute = one per 10 s)
    let refused: unknown;
    try {
      limits.admit('a', 'uploads', 0);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(TooManyRequestsError);
    expect(refused).toMatchObject({ status: 429, retryAfterSeconds: 10 });
    expect((refused as Error).message).toMatch(/more than 6 upload or training requests a minute\. Wait 10 s/);
    expect(() => limits.admit('b', 'uploads', 0)).not.toThrow();
    expect(() => limits.admit('a', 'predictions', 0)).not.toThrow();
    expect(() => limits.admit('a', 'uploads', 10_000)).not.toThrow();
  });

  it('caps the requests a key has in flight, and frees a place when one ends', () => {
    const limits = new KeyLimits(config(6000, 6000, 2));
    const first = limits.admit('k', 'predictions', 0);
    limits.admit('k', 'uploads', 0);
    expect(() => limits.admit('k', 'predictions', 0)).toThrow(/already has 2 requests in progress/);
    first();
    first(); // releasing twice frees one place only
    expect(() => limits.admit('k', 'predictions', 0)).not.toThrow();
    expect(() => limits.admit('k', 'predictions', 0)).toThrow(TooManyRequestsError);
  });
});

describe('RateLimitGuard', () => {
  class Routes {
    @RateLimited('predictions')
    limited(): void {}
    open(): void {}
  }
  const principal = { keyId: 'k' };
  const contextOf = (handler: () => void, response: object) =>
    ({
      getHandler: () => handler,
      getClass: () => Routes,
      switchToHttp: () => ({ getRequest: () => ({ principal }), getResponse: () => response }),
    }) as unknown as ExecutionContext;

  it('holds a place of the key from admission until the answer closes, on fastify’s reply or a plain response', () => {
    const guard = new RateLimitGuard(new Reflector(), new KeyLimits(config(6000, 6000, 1)));
    const raw = new EventEmitter();
    expect(guard.canActivate(contextOf(Routes.prototype.limited, { raw }))).toBe(true);
    expect(() => guard.canActivate(contextOf(Routes.prototype.limited, new EventEmitter()))).toThrow(/already has 1 requests in progress/);
    raw.emit('close');
    const plain = new EventEmitter();
    expect(guard.canActivate(contextOf(Routes.prototype.limited, plain))).toBe(true);
    plain.emit('close');
    expect(guard.canActivate(contextOf(Routes.prototype.open, new EventEmitter()))).toBe(true);
    expect(guard.canActivate(contextOf(Routes.prototype.limited, new EventEmitter()))).toBe(true);
  });
});
