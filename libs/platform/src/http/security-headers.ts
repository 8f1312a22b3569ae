/**
 * Response headers of every app (helmet): no `X-Powered-By`, a content security policy that the portal's pages
 * and Swagger UI live within (scripts, styles and data only from the app itself; Swagger UI's inline start-up
 * script and styles allowed), no framing, no MIME sniffing, no referrer across origins.
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

/** The origins a browser shows the portal under (its configured host, and localhost for a loopback one). */
export function portalOrigins(config: AppConfig): string[] {
  const port = config.PORTAL_PORT;
  const host = config.PORTAL_HOST;
  const hosts = host === '127.0.0.1' || host === 'localhost' ? ['127.0.0.1', 'localhost'] : [host];
  return hosts.map((h) => `http://${h}:${port}`);
}
