/**
 * Starts an app the same way everywhere: pino logger, global validation, the domain error filter, the
 * OpenAPI document at /api/docs (JSON at /api/docs-json), CORS for config.corsOrigins (CORS_ORIGINS),
 * graceful shutdown on SIGTERM/SIGINT. An app that
 * consumes events is a hybrid app: its `@EventPattern` handlers run on the KafkaEventTransport, started
 * after every bootstrap hook (so handlers never see a half-ready app) and joining its consumer groups in
 * the background, while the HTTP side (health included) answers.
 */
import { INestApplication, Type, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig, ConfigError, loadConfig } from '@modelstream/config';
import { KafkaEventTransport } from '@modelstream/kafka';
import { SERVICE_VERSION } from '@modelstream/logging';
import { DomainErrorFilter } from './domain-error.filter';
import { applyCors } from './http/cors';

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
}

export function buildOpenApiDocument(app: INestApplication, options: Pick<BootstrapOptions, 'title' | 'description'>): OpenAPIObject {
  const config = new DocumentBuilder().setTitle(options.title).setDescription(options.description).setVersion(SERVICE_VERSION).build();
  return SwaggerModule.createDocument(app, config);
}

/** Applies the app-wide pipes and filters (shared by main.ts and tests that build the app in-process). */
export function configureApp(app: INestApplication): void {
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, transform: true, forbidUnknownValues: false }));
  app.useGlobalFilters(new DomainErrorFilter());
  // process.exit after the hooks: exit code 0 on a graceful stop, and pino flushes on 'exit'.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
}

export async function bootstrap(appModule: Type, options: BootstrapOptions): Promise<INestApplication> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${options.service}: ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const app = await NestFactory.create(appModule, {
    bufferLogs: true,
    forceCloseConnections: true,
    bodyParser: options.bodyParser ?? true,
  });
  app.useLogger(app.get(Logger));
  configureApp(app);
  if (options.cors ?? true) applyCors(app, config.corsOrigins);
  if (options.openApi ?? true) {
    SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app, options), { jsonDocumentUrl: 'api/docs-json' });
  }
  if (options.consumesEvents) app.connectMicroservice({ strategy: app.get(KafkaEventTransport) });
  await app.init();
  await app.startAllMicroservices();
  const port = options.port(config);
  const host = options.host(config);
  await app.listen(port, host);
  app.get(Logger).log({ msg: `${options.service} listening on http://${host}:${port}`, port });
  return app;
}
