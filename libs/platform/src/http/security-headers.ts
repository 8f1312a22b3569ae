/**
 * Response headers of every app (helmet): no `X-Powered-By`, a content security policy that the portal's pages
 * and Swagger UI live within (scripts, styles and data only from the app itself; Swagger UI's inline start-up
 * script and styles allowed), no framing, no MIME sniffing, no referrer across origins. On fastify a JSON API's
 * answers carry the set made for APIs instead (`API_ANSWER_HEADERS`); documents keep helmet's.
 */
import type { INestApplication } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import type { AppConfig } from '@modelstream/config';

const policy = () =>
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'", "'unsafe-inline'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'connect-src': ["'self'"],
        'font-src': ["'self'", 'data:'],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    // the portal serves plain http on a developer's machine: no HSTS, no upgrade of its own requests
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });

/** Helmet's middleware (express). */
export function applySecurityHeaders(app: INestApplication): void {
  app.use(policy());
}

/**
 * The same headers as one object, for a fastify hook to set on every answer: helmet's are the same for every
 * request (nothing in this policy depends on it), so they are taken once from a response helmet writes to.
 */
export function securityHeaderValues(): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  policy()({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return Object.freeze(headers);
}

/**
 * The security headers of an API's answers, as the OWASP REST Security Cheat Sheet gives them: nothing may run or
 * load from it (`default-src 'none'`), frame it, sniff it into another type, or read it cross-origin without CORS.
 * helmet's other headers act on a document a browser renders — its referrer, opener and agent cluster, DNS
 * prefetching, IE's download and XSS-filter switches, Flash's policy files — and have nothing to act on in JSON;
 * leaving them out makes every answer about 600 bytes shorter for every poller to parse.
 */
export const API_ANSWER_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
});

/** Whether a path serves documents a browser renders (Swagger UI and its files, anything outside /api/): helmet's whole set. */
export function isDocumentPath(url: string): boolean {
  return !url.startsWith('/api/') || url.startsWith('/api/docs');
}

/** The origins a browser shows the portal under (its configured host, and localhost for a loopback one). */
export function portalOrigins(config: AppConfig): string[] {
  const port = config.PORTAL_PORT;
  const host = config.PORTAL_HOST;
  const hosts = host === '127.0.0.1' || host === 'localhost' ? ['127.0.0.1', 'localhost'] : [host];
  return hosts.map((h) => `http://${h}:${port}`);
}
