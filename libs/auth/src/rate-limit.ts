/**
 * Per-key limits on the routes that cost the most — uploads (and the other ways to start trainings) and
 * predictions: a token bucket per key and kind (the rate, with ten seconds' worth of burst) and a cap on the
 * requests a key has in flight at once. Over either, a 429 with Retry-After. Counted per app instance; the
 * defaults are high enough that one client working as fast as it can (the benchmarks) is not throttled.
 */
import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { AppConfig } from '@modelstream/config';
import { TooManyRequestsError } from '@modelstream/contracts';
import type { RequestWithPrincipal } from './auth.decorators';
import { PerRoute } from './per-route';
import { LOCAL_PRINCIPAL } from './principal';

export type LimitedKind = 'uploads' | 'predictions';
export const RATE_LIMIT_KEY = 'modelstream:rate-limit';
const BURST_MS = 10_000;
const MAX_KEYS = 10_000;

/** A token bucket: `perMinute` tokens a minute, holding at most ten seconds' worth. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly capacity: number;
  private readonly perMs: number;

  constructor(perMinute: number, now: number) {
    this.perMs = perMinute / 60_000;
    this.capacity = Math.max(1, this.perMs * BURST_MS);
    this.tokens = this.capacity;
    this.last = now;
  }

  /** Takes a token: 0 when there was one, else the milliseconds until there is. */
  take(now: number): number {
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.perMs);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - this.tokens) / this.perMs - 1e-6));
  }
}

@Injectable()
export class KeyLimits {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly config: AppConfig) {}

  /** Admits one request of `keyId`, or throws the 429; call the answer's `release` when the request ends. */
  admit(keyId: string, kind: LimitedKind, now = Date.now()): () => void {
    const perMinute = kind === 'uploads' ? this.config.RATE_LIMIT_UPLOADS_PER_MINUTE : this.config.RATE_LIMIT_PREDICTIONS_PER_MINUTE;
    const id = `${kind}:${keyId}`;
    let bucket = this.buckets.get(id);
    if (!bucket) {
      if (this.buckets.size >= MAX_KEYS) this.buckets.delete(this.buckets.keys().next().value!);
      bucket = new TokenBucket(perMinute, now);
      this.buckets.set(id, bucket);
    }
    const wait = bucket.take(now);
    if (wait > 0) {
      throw new TooManyRequestsError(
        `This key sent more than ${perMinute} ${kind === 'uploads' ? 'upload or training requests' : 'prediction requests'} a minute. Wait ${Math.ceil(wait / 1000)} s (Retry-After) and send again, slower.`,
        Math.ceil(wait / 1000),
        { kind, perMinute },
      );
    }
    const active = this.inFlight.get(keyId) ?? 0;
    if (active >= this.config.CONCURRENT_REQUESTS_PER_KEY) {
      throw new TooManyRequestsError(
        `This key already has ${active} requests in progress, the most one key may have at once. Wait for some to finish, then send again.`,
        1,
        { inFlight: active, limit: this.config.CONCURRENT_REQUESTS_PER_KEY },
      );
    }
    this.inFlight.set(keyId, active + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.inFlight.get(keyId) ?? 1) - 1;
      if (left > 0) this.inFlight.set(keyId, left);
      else this.inFlight.delete(keyId);
    };
  }
}

/**
 * Admits a request of a limited route after the AuthGuard (a global guard, so it runs first) named its key, and
 * frees its place when the answer is done ('close': sent, or the connection cut). A guard, not an interceptor:
 * Nest runs a handler without interceptors without wrapping it in observables.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly kinds: PerRoute<LimitedKind | undefined>;

  constructor(
    reflector: Reflector,
    private readonly limits: KeyLimits,
  ) {
    this.kinds = new PerRoute((targets) => reflector.getAllAndOverride<LimitedKind | undefined>(RATE_LIMIT_KEY, targets));
  }

  canActivate(context: ExecutionContext): boolean {
    const kind = this.kinds.of(context);
    if (!kind) return true;
    const http = context.switchToHttp();
    const principal = http.getRequest<RequestWithPrincipal>().principal ?? LOCAL_PRINCIPAL;
    const release = this.limits.admit(principal.keyId, kind);
    const reply = http.getResponse<ServerResponse | { raw: ServerResponse }>(); // express's response, or fastify's reply
    ('raw' in reply ? reply.raw : reply).once('close', release);
    return true;
  }
}

/** The route counts against its key's rate and concurrency limits of `kind` (429 over them). */
export const RateLimited = (kind: LimitedKind): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(RATE_LIMIT_KEY, kind), UseGuards(RateLimitGuard), ApiExtension('x-rate-limit', kind));
