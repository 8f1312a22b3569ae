/**
 * Starts an app the same way everywhere: pino logger, global validation, the domain error filter, no ETags, the
 * OpenAPI document at /api/docs (JSON at /api/docs-json), CORS for config.corsOrigins (CORS_ORIGINS),
 * graceful shutdown on SIGTERM/SIGINT; with AUTH=off it refuses a non-loopback host. An app that
 * consumes events is a hybrid app: its `@EventPattern` handlers run on the KafkaEventTransport, started
 * after every bootstrap hook (so handlers never see a half-ready app) and joining its consumer groups in
 * the background, while the HTTP side (health included) answers.
 */
import { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig, ConfigError, loadConfig } from '@modelstream/config';
import { KafkaEventTransport } from '@modelstream/kafka';
import { requestLogOn, SERVICE_VERSION } from '@modelstream/logging';
import { BEARER_SCHEME, isLoopbackHost } from '@modelstream/auth';
import { ApiErrorBody } from './api-error-body';
import { DomainErrorFilter } from './domain-error.filter';
import { documentAccessErrors } from './openapi-access';
import { applyCors } from './http/cors';
import { crossSiteGuard } from './http/cross-site';
import { API_ANSWER_HEADERS, applySecurityHeaders, portalOrigins, securityHeaderValues } from './http/security-headers';
import { addRequestWideHooks } from './http/fastify-request-wide';
import { AsSentValidationPipe } from './http/as-sent';
import { fastifyAdapter } from './http/fastify-routes';
import { answerDirectly, DirectRoute } from './http/direct-route';
import { openFrontDoor } from './http/front-door';
import { jsonBodyLimitOn } from './http/body-parsers';
import { httpTimerOn } from './metrics/metrics.module';

export interface BootstrapOptions {
  service: string;
  title: string;
  description: string;
  port: (config: AppConfig) => number;
  host: (config: AppConfig) => string;
  /** Run the app's Kafka event handlers (`@EventPattern`) on the KafkaEventTransport. */
  consumesEvents?: boolean;
  /** Serve the app's OpenAPI document and Swagger UI at /api/docs (default true; the portal has no API of its own). */
  openApi?: boolean;
  /** Nest's default JSON/urlencoded body parsers (default true; off for an app that streams bodies on, like the portal). */
  bodyParser?: boolean;
  /** Answer CORS for config.corsOrigins (default true; the portal serves one origin and needs none). */
  cors?: boolean;
  /**
   * The HTTP platform: fastify (default) for the APIs — bare Nest on express reaches 0.48–0.61× of the status
   * floor's requests/s, on fastify 0.85–0.94× (bench/status; predict: 0.36–0.43× and 0.54–0.69×, bench/inference);
   * express for the portal, whose proxy and static files are express middleware.
   */
  platform?: 'fastify' | 'express';
  /**
   * Hot routes answered without Nest's per-request plumbing: their plain requests in front of fastify
   * (http/front-door.ts), the others by fastify directly (http/direct-route.ts). Fastify only.
   */
  directRoutes?: (app: INestApplication) => DirectRoute[];
}

export function buildOpenApiDocument(app: INestApplication, options: Pick<BootstrapOptions, 'title' | 'description'>): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(options.title)
    .setDescription(options.description)
    .setVersion(SERVICE_VERSION)
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'An API key (npm run keys -- create); needed when the apps run with AUTH=required' },
      BEARER_SCHEME,
    )
    .build();
  return documentAccessErrors(SwaggerModule.createDocument(app, config, { extraModels: [ApiErrorBody] }));
}

/** Refuses to start an app without access control on an address other machines can reach. */
function checkExposure(config: AppConfig, host: string, service: string): void {
  if (config.AUTH === 'off' && !isLoopbackHost(host)) {
    process.stderr.write(
      `${service}: AUTH=off would let anyone who reaches ${host} do anything. Bind a loopback address (127.0.0.1) or set AUTH=required with API keys (docs/security.md).\n`,
    );
    process.exit(78); // EX_CONFIG
  }
}

/** Applies the app-wide pipes and filters (shared by main.ts and tests that build the app in-process). */
export function configureApp(app: INestApplication): void {
  app.useGlobalPipes(new AsSentValidationPipe({ whitelist: true, transform: true, forbidUnknownValues: false }));
  app.useGlobalFilters(new DomainErrorFilter());
  // process.exit after the hooks: exit code 0 on a graceful stop, and pino flushes on 'exit'.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
}

/**
 * The Nest app on its platform. Fastify: as http/fastify-routes.ts sets it up. Express: no ETag on answers — it
 * hashes every body for it (POSTs' too), and no client of ours sends If-None-Match — while static files (the
 * portal's) keep theirs.
 */
async function createApp(appModule: Type, options: BootstrapOptions): Promise<INestApplication> {
  const settings = { bufferLogs: true, forceCloseConnections: true, bodyParser: options.bodyParser ?? true };
  if ((options.platform ?? 'fastify') === 'fastify') {
    return NestFactory.create(appModule, fastifyAdapter(), settings);
  }
  const app = await NestFactory.create(appModule, settings);
  (app.getHttpAdapter().getInstance() as { set(setting: string, value: unknown): void }).set('etag', false);
  return app;
}

export async function bootstrap(appModule: Type, options: BootstrapOptions): Promise<INestApplication> {
  let config: AppConfig;
  try {
    config = loadConfig();
    checkExposure(config, options.host(config), options.service);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${options.service}: ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const app = await createApp(appModule, options);
  app.useLogger(app.get(Logger));
  configureApp(app);
  const crossSite = { allowedOrigins: [...config.corsOrigins, ...portalOrigins(config)] };
  let checkDirectRoutes = () => {};
  if ((options.platform ?? 'fastify') === 'fastify') {
    const instance = app.getHttpAdapter().getInstance() as FastifyInstance;
    addRequestWideHooks(instance, { headers: { documents: securityHeaderValues(), api: API_ANSWER_HEADERS }, crossSite });
    if (options.directRoutes) {
      const routes = options.directRoutes(app);
      const filter = new DomainErrorFilter();
      const check = answerDirectly(instance, routes, filter);
      checkDirectRoutes = () => {
        check();
        openFrontDoor(instance.server, routes, {
          headers: API_ANSWER_HEADERS,
          crossSite,
          jsonBodyLimit: jsonBodyLimitOn(instance),
          filter,
          log: requestLogOn(instance),
          time: httpTimerOn(instance),
        });
      };
    }
  } else {
    applySecurityHeaders(app);
    app.use(crossSiteGuard(crossSite));
  }
  if (options.cors ?? true) applyCors(app, config.corsOrigins);
  if (options.openApi ?? true) {
    SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app, options), { jsonDocumentUrl: 'api/docs-json' });
  }
  if (options.consumesEvents) app.connectMicroservice({ strategy: app.get(KafkaEventTransport) });
  await app.init();
  checkDirectRoutes();
  await app.startAllMicroservices();
  const port = options.port(config);
  const host = options.host(config);
  checkExposure(config, host, options.service);
  await app.listen(port, host);
  app.get(Logger).log({ msg: `${options.service} listening on http://${host}:${port}`, port });
  return app;
}
