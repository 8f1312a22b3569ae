/**
 * Prometheus metrics for every app at GET /metrics: process and runtime metrics, and an HTTP request
 * duration histogram by method, route and status. Features register their own counters on `Metrics`.
 */
import { Controller, Get, Header, Injectable, MiddlewareConsumer, Module, NestMiddleware, NestModule } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, LabelValues, Registry } from 'prom-client';
import { Public } from '@modelstream/auth';
import { everyRoute } from '@modelstream/logging';

/** How long a request's time may wait to be observed in the duration histogram (a scrape observes it at once). */
export const HTTP_TIMES_WAIT_MS = 250;

@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  /** Times of answered requests not observed yet: method, route, status, seconds, one after the other. */
  private readonly httpTimes: (string | number)[] = [];
  /** The kept counts of counters (keptCount), added to each when it is read. */
  private readonly keptCounts = new Map<Counter<string>, { labels: LabelValues<string>; n: number }[]>();
  private httpTimesDue?: NodeJS.Timeout;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by method, route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
      collect: () => this.observeHttpTimes(),
    });
  }

  /**
   * Times an answered request: kept, and observed in `httpDuration` with the others within HTTP_TIMES_WAIT_MS, or
   * when the histogram is read (a scrape). One observation (labels checked and hashed, its bucket found in
   * prom-client's maps) cost a one-row prediction ~2 µs of its ~70 on the request's path; a few hundred in a row,
   * off it, cost a fraction of that each (bench/inference).
   */
  readonly timeHttp: HttpTimer = (method, route, statusCode, seconds) => {
    this.httpTimes.push(method, route ?? 'unmatched', statusCode, seconds);
    this.httpTimesDue ??= setTimeout(() => this.observeHttpTimes(), HTTP_TIMES_WAIT_MS).unref();
  };

  private observeHttpTimes(): void {
    clearTimeout(this.httpTimesDue);
    this.httpTimesDue = undefined;
    const times = this.httpTimes.splice(0);
    for (let i = 0; i < times.length; i += 4) {
      this.httpDuration.observe(
        { method: times[i] as string, route: times[i + 1] as string, status: String(times[i + 2]) },
        times[i + 3] as number,
      );
    }
  }

  counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    const existing = this.registry.getSingleMetric(name) as Counter<L> | undefined;
    if (existing) return existing;
    const kept = this.keptCounts;
    const counter = new Counter({
      name,
      help,
      labelNames,
      registers: [this.registry],
      collect() {
        for (const count of kept.get(this) ?? []) {
          if (count.n > 0) this.inc(count.labels, count.n);
          count.n = 0;
        }
      },
    });
    kept.set(counter as Counter<string>, []);
    return counter;
  }

  /**
   * A count of `counter` (made by `counter()`) with `labels`, for a hot path: it adds to a number of its own, given to
   * the counter when the counter is read (a scrape) — one addition per call instead of prom-client's label checks
   * and hashing (~1.5 µs of a one-row prediction's ~60, bench/inference).
   */
  keptCount<L extends string>(counter: Counter<L>, labels: LabelValues<L>): (n?: number) => void {
    const counts = this.keptCounts.get(counter as Counter<string>);
    if (!counts) throw new Error('keptCount: the counter was not made by Metrics.counter(), which adds its kept counts when it is read');
    const count = { labels, n: 0 };
    counts.push(count);
    return (n = 1) => void (count.n += n);
  }

  gauge<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    return (this.registry.getSingleMetric(name) as Gauge<L>) ?? new Gauge({ name, help, labelNames, registers: [this.registry] });
  }

  histogram<L extends string>(name: string, help: string, labelNames: readonly L[] = [], buckets?: number[]): Histogram<L> {
    return (
      (this.registry.getSingleMetric(name) as Histogram<L>) ??
      new Histogram({ name, help, labelNames, buckets, registers: [this.registry] })
    );
  }
}

const EVERY_PATH = '{/*splat}';

/**
 * Times every request, refused ones included, by the route it matched (`unmatched` for none). A middleware, not an
 * interceptor: with no interceptor on a route Nest runs its handler without wrapping it in observables. (On express;
 * fastify's own hooks do the same, below.)
 */
@Injectable()
class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: Metrics) {}

  use(req: IncomingMessage & { route?: { path?: string } }, res: ServerResponse, next: () => void): void {
    const end = this.metrics.httpDuration.startTimer();
    res.once('finish', () => {
      // Nest mounts middleware (this one, nestjs-pino's) as catch-all routes: a request that ends on one matched nothing
      const path = req.route?.path;
      const route = path !== undefined && path !== EVERY_PATH ? path : 'unmatched';
      end({ method: req.method ?? 'GET', route, status: String(res.statusCode) });
    });
    next();
  }
}

/** Counts a request answered: its method, the path of the route it matched (`unmatched` for none), status and time. */
export type HttpTimer = (method: string, route: string | undefined, statusCode: number, seconds: number) => void;

const timers = new WeakMap<FastifyInstance, HttpTimer>();

/** The HTTP timer the metrics module set up on `instance`, if any: for a hot route answered in front of fastify. */
export const httpTimerOn = (instance: FastifyInstance): HttpTimer | undefined => timers.get(instance);

/** The same on fastify, as a hook: the time fastify measured, by the route its router matched. */
function timeOnFastify(instance: FastifyInstance, metrics: Metrics): void {
  const time = metrics.timeHttp;
  timers.set(instance, time);
  instance.addHook('onResponse', (request, reply, done) => {
    time(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
}

@ApiExcludeController()
@Public((config) => config.METRICS_PUBLIC)
@Controller('metrics')
class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}

@Module({
  controllers: [MetricsController],
  providers: [Metrics, HttpMetricsMiddleware],
  exports: [Metrics],
})
export class MetricsModule implements NestModule {
  constructor(
    private readonly host: HttpAdapterHost,
    private readonly metrics: Metrics,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    if (this.host.httpAdapter.getType() === 'fastify')
      return timeOnFastify(this.host.httpAdapter.getInstance<FastifyInstance>(), this.metrics);
    consumer.apply(HttpMetricsMiddleware).forRoutes(everyRoute(this.host));
  }
}
