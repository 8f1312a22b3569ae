/**
 * Where the portal sends a request, decided from its method, path and Accept header alone (pure: unit-tested
 * in routing.spec.ts). Inference owns /api/predict… and /api/models…; every other /api path is ingest's.
 *
 *   /api/...                       → ingest or inference, by path
 *   /ping                          → inference (the MLflow scoring protocol's ping, beside /api/models/…/invocations)
 *   /docs/ingest, /docs/inference  → that app's Swagger UI (its live OpenAPI document, tried through the portal)
 *   /health                        → the portal's own (its upstreams reachable)
 *   /health/<app>                  → that app's /health, status and body as is
 *   /assets/*                      → the SPA's hashed files (cached for a year)
 *   any other GET asking for HTML  → the SPA's index.html (deep links such as /jobs/abc reload)
 */
export type ApiUpstream = 'ingest' | 'inference';
export type Upstream = ApiUpstream | 'trainer';
export const UPSTREAMS: readonly Upstream[] = ['ingest', 'inference', 'trainer'];
export const DOCUMENTED_APPS: readonly ApiUpstream[] = ['ingest', 'inference'];

const INFERENCE_PREFIXES = ['/api/predict', '/api/models'];

/** The app that answers this /api path (the path without its query string). */
export function apiUpstreamOf(pathname: string): ApiUpstream {
  const path = pathname.toLowerCase();
  const owned = INFERENCE_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
  return owned ? 'inference' : 'ingest';
}

export type Route =
  | { kind: 'api'; upstream: ApiUpstream }
  | { kind: 'app-health'; upstream: Upstream }
  | { kind: 'health' }
  | { kind: 'docs'; app: ApiUpstream }
  | { kind: 'asset' }
  | { kind: 'spa' }
  | { kind: 'not-found' };

const RESERVED = ['/api', '/docs', '/health', '/assets', '/metrics'];
const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

/** Whether an Accept header takes HTML (a browser navigation), as opposed to fetch()'s JSON or a script. */
export function acceptsHtml(accept: string | undefined): boolean {
  return !!accept && /(^|,)\s*(text\/html|application\/xhtml\+xml)\s*(;|,|$)/i.test(accept);
}

export function routeOf(method: string, pathname: string, accept?: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (under(path, '/api')) return { kind: 'api', upstream: apiUpstreamOf(path) };
  if (path === '/ping') return { kind: 'api', upstream: 'inference' };
  if (path === '/health') return { kind: 'health' };
  const health = /^\/health\/([a-z]+)$/.exec(path);
  if (health) {
    const app = UPSTREAMS.find((u) => u === health[1]);
    return app ? { kind: 'app-health', upstream: app } : { kind: 'not-found' };
  }
  const docs = /^\/docs\/([a-z]+)$/.exec(path);
  if (docs) {
    const app = DOCUMENTED_APPS.find((u) => u === docs[1]);
    return app ? { kind: 'docs', app } : { kind: 'not-found' };
  }
  if (under(path, '/assets')) return { kind: 'asset' };
  if (RESERVED.some((prefix) => under(path, prefix))) return { kind: 'not-found' };
  if ((method === 'GET' || method === 'HEAD') && acceptsHtml(accept)) return { kind: 'spa' };
  return { kind: 'not-found' };
}
