/**
 * An app's OpenAPI document as the portal serves it under /docs/<app>: `servers` is the portal (so "Try it
 * out" goes through it), and the paths the portal exposes elsewhere are renamed to where it exposes them
 * (an app's /health is the portal's /health/<app>). Pure: unit-tested in portal-document.spec.ts.
 */
import type { ApiUpstream } from './routing';

export interface OpenApiLike {
  servers?: { url: string; description?: string }[];
  paths?: Record<string, unknown>;
  [key: string]: unknown;
}

export function portalDocument(document: OpenApiLike, app: ApiUpstream, portalOrigin: string): OpenApiLike {
  const paths = Object.fromEntries(
    Object.entries(document.paths ?? {}).map(([path, item]) => [path === '/health' ? `/health/${app}` : path, item]),
  );
  return {
    ...document,
    servers: [{ url: portalOrigin.replace(/\/+$/, ''), description: `the portal, which forwards /api/... to ${app}` }],
    paths,
  };
}
