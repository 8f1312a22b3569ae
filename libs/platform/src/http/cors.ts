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

/** Turns CORS on for these origins (nothing when the list is empty). */
export function applyCors(app: INestApplication, origins: readonly string[]): void {
  const options = corsOptions(origins);
  if (options) app.enableCors(options);
}
