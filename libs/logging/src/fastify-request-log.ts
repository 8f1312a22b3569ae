/**
 * The request log on fastify, as fastify hooks rather than pino-http's middleware: no child logger per request.
 * Every line logged while a request is handled gets its `req` ({id, method, url}) and trackingId from the root
 * logger's mixin (`requestBindings`), read from the request the hooks keep in an AsyncLocalStorage — built only
 * when a line is written, so a quiet read (a status poll, a prediction) costs no logger work at all. The request's
 * own line ("request completed", "request errored" for a 5xx, "request aborted") is written when it ends, at
 * the level `requestLogLevel` gives, with the status and the response time as pino-http writes them on express.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

/** What a request's lines say about it. */
export interface RequestBindings {
  req: { id: string; method: string; url: string };
  trackingId?: string;
}

export interface FastifyRequestLogOptions {
  /** The root logger, once there is one (nestjs-pino builds it when the app starts). */
  logger: () => Logger | undefined;
  /** The level of a request's own line (logging.module.ts `requestLogLevel`). */
  levelOf: (req: { method: string; route: { path?: string } }, statusCode: number, error: unknown) => 'silent' | 'debug' | 'info';
  /** Paths whose requests get no line of their own (health probes, the metrics scrape). */
  quietPaths: ReadonlySet<string>;
}

/** What a request's log lines read of it: fastify's request, or a hot route's (libs/platform front-door.ts). */
export interface LoggedRequest {
  id: string;
  method: string;
  url: string;
  params?: unknown;
  body?: unknown;
}

/** The request log of an instance, for a hot route answered in front of fastify: the same lines as its hooks write. */
export interface RequestLog {
  /** Runs `fn` with `request` as the one its log lines name. */
  run(request: LoggedRequest, fn: () => void): void;
  /** The request's own line, once answered: `route` is the path of the route it matched. */
  answered(request: LoggedRequest, route: string | undefined, statusCode: number, responseTime: number): void;
  /** The line of a request whose client left before the answer. */
  aborted(request: LoggedRequest, route: string | undefined): void;
}

const scope = new AsyncLocalStorage<LoggedRequest>();
const logs = new WeakMap<FastifyInstance, RequestLog>();

/** The request log `addFastifyRequestLog` set up on `instance`, if any. */
export const requestLogOn = (instance: FastifyInstance): RequestLog | undefined => logs.get(instance);

/** A request's path: its URL without the query string. */
const pathOf = (url: string): string => {
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
};

/** The trackingId a request names, in its path or its JSON body. */
export function trackingIdIn(params: unknown, body: unknown): string | undefined {
  const fromParams = (params as { trackingId?: unknown } | undefined)?.trackingId;
  if (typeof fromParams === 'string') return fromParams;
  const fromBody = (body as { trackingId?: unknown } | null | undefined)?.trackingId;
  return typeof fromBody === 'string' ? fromBody : undefined;
}

function bindingsOf(request: LoggedRequest): RequestBindings {
  const bindings: RequestBindings = { req: { id: request.id, method: request.method, url: request.url } };
  const trackingId = trackingIdIn(request.params, request.body);
  if (trackingId !== undefined) bindings.trackingId = trackingId;
  return bindings;
}

/**
 * The root logger's mixin: the bindings of the request being handled, if any (pino's `mixin` option). A new object
 * every time: pino merges the line's own fields into it, so a shared empty one would carry every line's fields on
 * into all the lines written outside a request after it.
 */
export function requestBindings(): RequestBindings | Record<string, never> {
  const request = scope.getStore();
  return request ? bindingsOf(request) : {};
}

export function addFastifyRequestLog(instance: FastifyInstance, options: FastifyRequestLogOptions): void {
  const lineOf = (
    request: LoggedRequest,
    route: string | undefined,
    end: { statusCode: number; responseTime?: number; error?: Error },
    msg: string,
  ) => {
    const logger = options.logger();
    if (!logger) return;
    const level = options.levelOf({ method: request.method, route: { path: route } }, end.statusCode, end.error);
    if (level === 'silent' || !logger.isLevelEnabled(level) || options.quietPaths.has(pathOf(request.url))) return;
    // (`headersSent`: pino-http's response serializer, which the apps' `res` serializer is wrapped in, reads no status without it)
    const res = { statusCode: end.statusCode, headersSent: true };
    const line = { ...bindingsOf(request), res, responseTime: end.responseTime, err: end.error };
    logger[level](line, msg);
  };
  const log: RequestLog = {
    run: (request, fn) => scope.run(request, fn),
    answered: (request, route, statusCode, responseTime) =>
      lineOf(request, route, { statusCode, responseTime }, statusCode >= 500 ? 'request errored' : 'request completed'),
    aborted: (request, route) =>
      lineOf(
        request,
        route,
        { statusCode: 499, error: new Error('the client closed the connection before the answer') },
        'request aborted',
      ),
  };
  logs.set(instance, log);

  instance.addHook('onRequest', (request, _reply, done) => log.run(request, done));
  instance.addHook('onResponse', (request, reply, done) => {
    log.answered(request, request.routeOptions.url, reply.statusCode, Math.round(reply.elapsedTime));
    done();
  });
  instance.addHook('onRequestAbort', (request, done) => {
    log.aborted(request, request.routeOptions.url);
    done();
  });
}
