/**
 * What every request gets before its route, on fastify: the security headers (security-headers.ts: helmet's, taken
 * once, for documents; the API set for the API's answers) and the cross-site refusal (cross-site.ts), in one
 * onRequest hook rather than two middleware behind middie. On express, helmet's and the cross-site middleware do
 * the same.
 */
import type { FastifyInstance } from 'fastify';
import { CrossSitePolicy, crossSiteRefusal, refusalBody } from './cross-site';
import { isDocumentPath } from './security-headers';

export interface RequestWideParts {
  /** The headers of a document's answer (`isDocumentPath`), and of the API's. */
  headers: { documents: Readonly<Record<string, string>>; api: Readonly<Record<string, string>> };
  crossSite: CrossSitePolicy;
}

export function addRequestWideHooks(instance: FastifyInstance, parts: RequestWideParts): void {
  instance.addHook('onRequest', (request, reply, done) => {
    void reply.headers(isDocumentPath(request.url) ? parts.headers.documents : parts.headers.api);
    const refusal = crossSiteRefusal(request.method, request.headers as Record<string, string | undefined>, parts.crossSite);
    if (refusal === null) return done();
    void reply.code(403).type('application/json; charset=utf-8').send(refusalBody(refusal));
  });
}
