/**
 * One nestjs-pino setup for every app: JSON lines with service name and version, a correlation id per
 * request (echoed as `x-request-id`), the trackingId when a request names one, auth headers redacted
 * and health probes not logged.
 *
 * One line per request, except a read that succeeded (GET/HEAD, or a POST route the app names as a read, like a
 * prediction; answered < 400), logged at debug: status polls and predictions come thousands a second, and a line
 * each cost a fifth of a status read's CPU time and a tenth of a prediction's (bench/status, bench/inference).
 * Every change and every refused or failed request still gets its line at info; the metrics (GET /metrics) count
 * every request, the inference app's per model version. With LOG_LEVEL above debug no line is built for a quiet read.
 *
 * On express pino-http writes these lines, with a child logger per request; on fastify, hooks do
 * (fastify-request-log.ts), with no logger work at all for a quiet read.
 */
import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { LoggerModule, PinoLogger } from 'nestjs-pino';
import { AppConfig } from '@modelstream/config';
import { addFastifyRequestLog, requestBindings, trackingIdIn } from './fastify-request-log';
import { SERVICE_VERSION } from './service-version';

const QUIET_PATHS = new Set(['/health', '/ping', '/metrics']);
const READS = new Set(['GET', 'HEAD']);
type Level = 'silent' | 'debug' | 'info';

export interface LoggingOptions {
  /** Routes that change nothing though they are POSTs (`POST /api/predict`, as declared): logged as reads. */
  readRoutes?: readonly string[];
}

/**
 * The middleware route that takes every request on the app's platform: express's `{/*splat}` (the root path
 * included) matches none on fastify, whose catch-all is `*path`. (Nest then hands fastify's middleware Node's
 * request with `url` cut to "/": the path is in `originalUrl`, on express too.)
 */
export const everyRoute = (host: HttpAdapterHost | undefined) => ({
  path: host?.httpAdapter?.getType() === 'fastify' ? '*path' : '{/*splat}',
  method: RequestMethod.ALL,
});

/** A request's correlation id: the caller's x-request-id when it sends a usable one, else a new UUID. */
export function requestIdOf(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  return typeof header === 'string' && header.length <= 128 ? header : randomUUID();
}

/** The request's path and query as sent. */
const urlOf = (req: IncomingMessage & { originalUrl?: string }) => req.originalUrl ?? req.url ?? '';

type Req = IncomingMessage & { id?: string; params?: Record<string, string>; body?: Record<string, unknown>; route?: { path?: string } };

/** The level of a request's line: info, but `quiet` (debug, or silent when debug is off) for a read that succeeded. */
export function requestLogLevel(
  req: { method?: string; route?: { path?: string } },
  statusCode: number,
  error: unknown,
  quiet: Level,
  readRoutes: ReadonlySet<string>,
): Level {
  if (error || statusCode >= 400) return 'info';
  const read = READS.has(req.method ?? '') || (req.route?.path !== undefined && readRoutes.has(`${req.method} ${req.route.path}`));
  return read ? quiet : 'info';
}

/** A request line's `res`, as pino-http hands it over (its own serializer's output, or a ServerResponse's). */
export const responseSerializer = (res: { statusCode: number | null }) => ({ statusCode: res.statusCode });

const debugEnabled = (level: string) => ['trace', 'debug'].includes(level);

@Module({})
export class LoggingModule {
  static forApp(service: string, options: LoggingOptions = {}): DynamicModule {
    const readRoutes = new Set(options.readRoutes);
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [AppConfig, HttpAdapterHost],
          useFactory: (config: AppConfig, host: HttpAdapterHost) => {
            const quiet = debugEnabled(config.LOG_LEVEL) ? 'debug' : 'silent';
            const fastify = host?.httpAdapter?.getType() === 'fastify';
            if (fastify) {
              addFastifyRequestLog(host.httpAdapter.getInstance<FastifyInstance>(), {
                logger: () => PinoLogger.root,
                levelOf: (req, statusCode, error) => requestLogLevel(req, statusCode, error, quiet, readRoutes),
                quietPaths: QUIET_PATHS,
              });
            }
            return {
              // on fastify, the hooks above write the request lines: pino-http's middleware is not mounted
              forRoutes: fastify ? [] : [everyRoute(host)],
              pinoHttp: {
                level: config.LOG_LEVEL,
                // a request's bindings on fastify (on express, pino-http's child logger per request carries them)
                mixin: requestBindings,
                customLogLevel: (req: IncomingMessage, res: ServerResponse, error?: Error) =>
                  requestLogLevel(req as Req, res.statusCode, error, quiet, readRoutes),
                base: { service, version: SERVICE_VERSION },
                timestamp: () => `,"time":"${new Date().toISOString()}"`,
                redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'],
                // (on fastify, its own request id, given the same way: libs/platform fastify-routes.ts)
                genReqId: (req: IncomingMessage, res: ServerResponse) => {
                  const id = requestIdOf(req);
                  res.setHeader('x-request-id', id);
                  return id;
                },
                autoLogging: { ignore: (req: IncomingMessage) => QUIET_PATHS.has(urlOf(req).split('?')[0]) },
                // nothing (not {}) without a trackingId: pino-http makes a child logger for any bindings it is given
                customProps: ((req: IncomingMessage) => {
                  const trackingId = trackingIdIn((req as Req).params, (req as Req).body);
                  return trackingId ? { trackingId } : undefined;
                }) as (req: IncomingMessage) => object,
                serializers: {
                  req: (req: { id: string; method: string; url: string; raw?: IncomingMessage }) => ({
                    id: req.id,
                    method: req.method,
                    url: req.raw ? urlOf(req.raw) : req.url,
                  }),
                  res: responseSerializer,
                },
              },
            };
          },
        }),
      ],
    };
  }
}
