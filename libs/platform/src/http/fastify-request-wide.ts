/**
 * What every request gets before its route, on fastify: the security headers (helmet's, taken once:
 * security-headers.ts) and the cross-site refusal (cross-site.ts), in one onRequest hook rather than two
 * middleware behind middie. On express, helmet's and the cross-site middleware do the same.
 */
import type { FastifyInstance } from 'fastify';
import { CrossSitePolicy, crossSiteRefusal, refusalBody } from './cross-site';

export interface RequestWideParts {
  /** The headers every answer carries. */
  headers: Readonly<Record<string, string>>;
  crossSite: CrossSitePolicy;
}

export function addRequestWideHooks(instance: FastifyInstance, parts: RequestWideParts): void {
  instance.addHook('onRequest', (request, reply, done) => {
    void reply.headers(parts.headers);
    const refusal = crossSiteRefusal(request.method, request.headers as Record<string, string | undefined>, parts.crossSite);
    if (refusal === null) return done();
    void reply.code(403).type('application/json; charset=utf-8').send(refusalBody(refusal));
  });
}
