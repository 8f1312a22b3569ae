/**
 * CORS for the apps' HTTP APIs: browser pages on the origins listed in CORS_ORIGINS (config.corsOrigins) may
 * call them directly, with the headers the SDK sends (Authorization, Content-Type) and reading the ones it
 * reads (Retry-After, x-request-id, Content-Disposition). No origin listed: no CORS headers at all, so a
 * browser refuses every cross-origin call. The portal needs none: it forwards from its own origin.
 */
import type { INestApplication } from '@nestjs/common';

/** The options of the `cors` middleware that Nest's enableCors() takes. */
export interface CorsOptions {
  origin: string[];
  methods: string[];
  allowedHeaders: string[];
  exposedHeaders: string[];
  credentials: boolean;
  maxAge: number;
}

export const CORS_ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Accept', 'Last-Event-ID', 'X-Request-Id'];
export const CORS_EXPOSED_HEADERS = ['Retry-After', 'X-Request-Id', 'Content-Disposition', 'Content-Length', 'Location'];

/** The CORS options for these origins, or undefined (CORS off) when there are none. */
export function corsOptions(origins: readonly string[]): CorsOptions | undefined {
  const allowed = origins.map((o) => o.trim().replace(/\/+$/, '')).filter(Boolean);
  if (allowed.length === 0) return undefined;
  return {
    origin: allowed,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    credentials: false,
    maxAge: 600,
  };
}

/**
 * Turns CORS on for these origins (nothing when the list is empty). On fastify, @fastify/cors runs as a preParsing
 * hook: Nest runs an onRequest one inside a hook of its own that then copies every CORS header to Node's response
 * (for answers Nest middleware ends, and the apps mount none on fastify), a tenth of a prediction's CPU time with
 * @fastify/cors's own work (bench/inference). preParsing still comes before the body is read, the guards and the
 * route, so a refused or failed answer carries the headers as well.
 */
export function applyCors(app: INestApplication, origins: readonly string[]): void {
  const options = corsOptions(origins);
  if (!options) return;
  const fastify = app.getHttpAdapter().getType() === 'fastify';
  app.enableCors(fastify ? ({ ...options, hook: 'preParsing' } as CorsOptions) : options);
}
