/**
 * What the apps' request-wide parts read on Node's own request — the logger's level and trackingId (pino-http), the
 * metrics' route label — put there on fastify as express has it: the matched route pattern as `route.path`, the
 * path parameters and, once parsed, the body; the request's id is sent back as x-request-id. A body of a media
 * type no route takes is read and left out (no body), as express leaves it: the route's validation answers for it,
 * not a 415 the APIs do not document.
 */
import type { IncomingMessage } from 'node:http';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { requestIdOf } from '@modelstream/logging';

/** What fastify takes before a route's own limit (the apps' JSON parsers set theirs): express's JSON default. */
export const DEFAULT_BODY_LIMIT_BYTES = 100 * 1024;

/**
 * Fastify answers 414 for a path parameter over 100 characters, a status the APIs do not document; express takes
 * any, and the routes' own validation refuses a bad name or id with a 400 that says why. Node caps the whole
 * request head at 16 KiB.
 */
export const MAX_PARAM_LENGTH = 16 * 1024;

/** Node's request as the request-wide parts read it, on either platform. */
export type AnnotatedRequest = IncomingMessage & {
  route?: { path?: string };
  params?: Record<string, string>;
  body?: unknown;
};

function annotateRoutes(instance: FastifyInstance): void {
  instance.addHook('onRequest', (request, reply, done) => {
    const raw = request.raw as AnnotatedRequest;
    raw.route = { path: request.routeOptions.url };
    raw.params = request.params as Record<string, string>;
    void reply.header('x-request-id', request.id); // the id the request's log lines carry (genReqId below)
    done();
  });
  instance.addHook('preHandler', (request, _reply, done) => {
    (request.raw as AnnotatedRequest).body = request.body;
    done();
  });
  instance.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, _body, done) => done(null, undefined));
}

/**
 * The apps' fastify: the request id pino-http would give (the caller's x-request-id, else a UUID) rather than
 * fastify's own counter, express's body and path-parameter limits, and the annotations above.
 */
export function fastifyAdapter(): FastifyAdapter {
  const adapter = new FastifyAdapter({ bodyLimit: DEFAULT_BODY_LIMIT_BYTES, genReqId: requestIdOf, maxParamLength: MAX_PARAM_LENGTH });
  annotateRoutes(adapter.getInstance());
  return adapter;
}
