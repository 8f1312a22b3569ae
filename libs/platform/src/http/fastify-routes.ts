/**
 * The apps' fastify, set up to answer as express did: the request's id (the caller's x-request-id, else a UUID)
 * sent back as x-request-id, express's body and path-parameter limits, and a body of a media type no route takes
 * read and left out (no body), as express leaves it: the route's validation answers for it, not a 415 the APIs do
 * not document. The request-wide parts run as fastify hooks: fastify-request-wide.ts (headers, cross-site),
 * libs/logging fastify-request-log.ts, the metrics module's.
 */
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

function setUp(instance: FastifyInstance): void {
  instance.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id); // the id the request's log lines carry (genReqId below)
    done();
  });
  instance.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, _body, done) => done(null, undefined));
}

/**
 * The apps' fastify: the request id as pino-http gives it on express rather than fastify's own counter. No Nest
 * middleware runs on it (the request-wide parts are hooks), so @fastify/middie, whose hook would run on every
 * request for none, is not registered (`skipMiddie`): without it a bare Nest app on fastify answered 4–7% more
 * one-row predictions a second (same run, in turns). A module that applied middleware here would fail the start
 * (fastify has no `use` without middie).
 */
export function fastifyAdapter(): FastifyAdapter {
  const adapter = new FastifyAdapter({
    bodyLimit: DEFAULT_BODY_LIMIT_BYTES,
    genReqId: requestIdOf,
    maxParamLength: MAX_PARAM_LENGTH,
    skipMiddie: true,
  });
  setUp(adapter.getInstance());
  return adapter;
}
