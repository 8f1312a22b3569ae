/**
 * Browser requests from other sites may not change anything (CSRF): a POST/PUT/PATCH/DELETE whose `Origin` is
 * neither the app's own, the portal's, nor one of CORS_ORIGINS, or whose `Sec-Fetch-Site` says another site sent
 * it, is refused with 403 before any route runs. Requests without either header (curl, the SDKs, services) and
 * reads are let through: keys, not cookies, carry authority here, and an HTML form cannot set a Bearer header —
 * but with AUTH=off, a page elsewhere could otherwise post an upload or a cancel to a developer's machine.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface CrossSitePolicy {
  /** Origins allowed besides the request's own host (CORS_ORIGINS, the portal's). */
  allowedOrigins: readonly string[];
}

const normalize = (origin: string) => origin.trim().replace(/\/+$/, '').toLowerCase();

/** Why a request is refused as cross-site, or null when it may go on. */
export function crossSiteRefusal(
  method: string,
  headers: { origin?: string; host?: string; 'sec-fetch-site'?: string },
  policy: CrossSitePolicy,
): string | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  const origin = headers.origin;
  if (origin !== undefined && origin !== 'null') {
    const o = normalize(origin);
    const own = headers.host ? [`http://${headers.host}`, `https://${headers.host}`].map(normalize) : [];
    if (own.includes(o) || policy.allowedOrigins.map(normalize).includes(o)) return null;
    return `A page on ${origin} may not send ${method} requests here. Call the API from the portal, a listed CORS origin (CORS_ORIGINS), or a client without a browser.`;
  }
  if (origin === 'null')
    return `A ${method} request from an opaque origin (a sandboxed page or a file) is refused. Call the API from the portal or a client.`;
  const site = headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') {
    return `A ${method} request sent by another site is refused. Call the API from the portal, a listed CORS origin (CORS_ORIGINS), or a client.`;
  }
  return null;
}

/** The 403's ApiErrorBody. */
export const refusalBody = (refusal: string) =>
  JSON.stringify({ statusCode: 403, error: 'ForbiddenError', message: refusal, retryable: false });

/** The middleware of the policy (express; on fastify, a hook: fastify-request-wide.ts): 403 with an ApiErrorBody. */
export function crossSiteGuard(policy: CrossSitePolicy) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const refusal = crossSiteRefusal(req.method ?? 'GET', req.headers as Record<string, string | undefined>, policy);
    if (!refusal) return next();
    const body = refusalBody(refusal);
    res.writeHead(403, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
  };
}
