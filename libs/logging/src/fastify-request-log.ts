/**
 * The request log on fastify, as fastify hooks rather than pino-http's middleware: no child logger per request.
 * Every line logged while a request is handled gets its `req` ({id, method, url}) and trackingId from the root
 * logger's mixin (`requestBindings`), read from the request the hooks keep in an AsyncLocalStorage — built only
 * when a line is written, so a quiet read (a status poll, a prediction) costs no logger work at all. The request's
 * own line ("request completed", "request errored" for a 5xx, "request aborted") is written when it ends, at
 * the level `requestLogLevel` gives, with the status and the response time as pino-http writes them on express.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
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

const scope = new AsyncLocalStorage<FastifyRequest>();

/** The trackingId a request names, in its path or its JSON body. */
export function trackingIdIn(params: unknown, body: unknown): string | undefined {
  const fromParams = (params as { trackingId?: unknown } | undefined)?.trackingId;
  if (typeof fromParams === 'string') return fromParams;
  const fromBody = (body as { trackingId?: unknown } | null | undefined)?.trackingId;
  return typeof fromBody === 'string' ? fromBody : undefined;
}

function bindingsOf(request: FastifyRequest): RequestBindings {
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
  const lineOf = (request: FastifyRequest, end: { statusCode: number; responseTime?: number; error?: Error }, msg: string) => {
    const logger = options.logger();
    if (!logger || options.quietPaths.has(request.url.split('?')[0])) return;
    const level = options.levelOf({ method: request.method, route: { path: request.routeOptions.url } }, end.statusCode, end.error);
    if (level === 'silent' || !logger.isLevelEnabled(level)) return;
    const line = { ...bindingsOf(request), res: { statusCode: end.statusCode }, responseTime: end.responseTime, err: end.error };
    logger[level](line, msg);
  };

  instance.addHook('onRequest', (request, _reply, done) => scope.run(request, done));
  instance.addHook('onResponse', (request, reply, done) => {
    const statusCode = reply.statusCode;
    lineOf(
      request,
      { statusCode, responseTime: Math.round(reply.elapsedTime) },
      statusCode >= 500 ? 'request errored' : 'request completed',
    );
    done();
  });
  instance.addHook('onRequestAbort', (request, done) => {
    lineOf(request, { statusCode: 499, error: new Error('the client closed the connection before the answer') }, 'request aborted');
    done();
  });
}
