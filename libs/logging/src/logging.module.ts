/**
 * One nestjs-pino setup for every app: JSON lines with service name and version, a correlation id per
 * request (echoed as `x-request-id`), the trackingId when a request names one, auth headers redacted
 * and health probes not logged.
 */
import { DynamicModule, Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '@modelstream/config';
import { SERVICE_VERSION } from './service-version';

const QUIET_PATHS = new Set(['/health', '/ping', '/metrics']);

type Req = IncomingMessage & { id?: string; params?: Record<string, string>; body?: Record<string, unknown> };

function trackingIdOf(req: Req): string | undefined {
  const fromParams = req.params?.trackingId;
  const fromBody = typeof req.body?.trackingId === 'string' ? req.body.trackingId : undefined;
  return fromParams ?? fromBody;
}

@Module({})
export class LoggingModule {
  static forApp(service: string): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            pinoHttp: {
              level: config.LOG_LEVEL,
              base: { service, version: SERVICE_VERSION },
              timestamp: () => `,"time":"${new Date().toISOString()}"`,
              redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'],
              genReqId: (req: IncomingMessage, res: ServerResponse) => {
                const header = req.headers['x-request-id'];
                const id = typeof header === 'string' && header.length <= 128 ? header : randomUUID();
                res.setHeader('x-request-id', id);
                return id;
              },
              autoLogging: { ignore: (req: IncomingMessage) => QUIET_PATHS.has((req.url ?? '').split('?')[0]) },
              customProps: (req: IncomingMessage) => {
                const trackingId = trackingIdOf(req as Req);
                return trackingId ? { trackingId } : {};
              },
              serializers: {
                req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
                res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
              },
            },
          }),
        }),
      ],
    };
  }
}
