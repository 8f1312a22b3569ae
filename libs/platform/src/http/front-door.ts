/**
 * The direct routes answered in front of fastify, by the HTTP server's own request listener: for the plain requests
 * of a hot route (a prediction, a status poll) fastify's lifecycle — its router, the hooks Nest and the apps add,
 * its body parsing and reply — cost as much as the route's own work. A one-row prediction as deployed (AUTH=required)
 * took 106 µs of CPU through fastify, 85 in front of it (with a synchronous answer for a loaded model); a status
 * poll 36 µs, 1.2–1.6× its floor's requests/s (bench/inference, bench/status).
 *
 * A plain request is the common case, and only it: the route's method and path (no query string), no Origin (so no
 * CORS answer) and no cross-site refusal, and for a body, JSON with a Content-Length within the route's limit and
 * no Expect. Anything else goes on to fastify, where the same direct route (direct-route.ts) answers it. In front,
 * a request gets what fastify's path gives it: its id sent back as x-request-id and its log lines' bindings, the
 * API's security headers, the body parsed as the apps parse JSON (body-parsers.ts), the route's guards in Nest's
 * order, the route's status code and headers, every error through the exception filter, and its line in the
 * request log and the HTTP metrics. The front-door.spec.ts parity test holds each answer to fastify's.
 */
import type { ExceptionFilter } from '@nestjs/common';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { RequestLog } from '@modelstream/logging';
import { requestIdOf } from '@modelstream/logging';
import type { HttpTimer } from '../metrics/metrics.module';
import { parseJsonBody } from './body-parsers';
import { CrossSitePolicy, crossSiteRefusal } from './cross-site';
import { answerRoute, DirectContext, DirectRequest, DirectRoute } from './direct-route';
import { writeAtTurnEnd } from './turn-end-writes';

export interface FrontDoorParts {
  /** The headers of every API answer (security-headers.ts API_ANSWER_HEADERS). */
  headers: Readonly<Record<string, string>>;
  crossSite: CrossSitePolicy;
  /** The largest JSON body a route takes (the app's JSON parser's limit); none: a body is left to fastify. */
  jsonBodyLimit?: number;
  filter: ExceptionFilter;
  log?: RequestLog;
  time?: HttpTimer;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** A route's path as segments: a literal, or a parameter's name (`:name`). */
type Segment = { literal: string } | { param: string };

function segmentsOf(url: string): Segment[] {
  return url
    .split('/')
    .slice(1)
    .map((s) => (s.startsWith(':') ? { param: s.slice(1) } : { literal: s }));
}

/** The route's parameters in `path`, or null when it is not the route's (or a parameter is empty or encoded). */
function paramsOf(segments: readonly Segment[], path: string): Record<string, string> | null {
  const parts = path.split('/');
  if (parts.length !== segments.length + 1 || parts[0] !== '') return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const part = parts[i + 1];
    if ('literal' in segment) {
      if (part !== segment.literal) return null;
    } else {
      if (part === '' || part.includes('%')) return null; // fastify decodes it: left to fastify
      params[segment.param] = part;
    }
  }
  return params;
}

/** The reply a front-door request's guards and exception filter see: what they use of express's and fastify's. */
class FrontReply {
  private status_ = 200;
  private sent = false;
  private readonly headers: Record<string, string>;

  constructor(
    readonly raw: ServerResponse,
    headers: Readonly<Record<string, string>>,
  ) {
    this.headers = { ...headers };
  }

  status(code: number): this {
    this.status_ = code;
    return this;
  }
  header(name: string, value: string): this {
    this.headers[name.toLowerCase()] = value;
    return this;
  }
  getHeader(name: string): string | undefined {
    return this.headers[name.toLowerCase()];
  }
  /**
   * Sends `body` as fastify does: a string as it is (text unless a content-type is set), anything else as JSON; once,
   * at the end of this turn of the event loop (turn-end-writes.ts).
   */
  send(body: unknown): void {
    if (this.sent) return;
    this.sent = true;
    const text = typeof body === 'string' ? body : (JSON.stringify(body) ?? '');
    this.headers['content-type'] ??= typeof body === 'string' ? 'text/plain; charset=utf-8' : JSON_TYPE;
    this.headers['content-length'] = String(Buffer.byteLength(text));
    writeAtTurnEnd(this.raw, this.status_, this.headers, text);
  }
}

interface FrontRoute {
  route: DirectRoute;
  segments: Segment[] | null;
}

/**
 * Puts the front door before fastify's request listener on `server`: `routes`' plain requests are answered there,
 * every other request goes to fastify as before.
 */
export function openFrontDoor(server: Server, routes: readonly DirectRoute[], parts: FrontDoorParts): void {
  const listeners = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  if (listeners.length !== 1) throw new Error(`the front door expects fastify's one request listener, found ${listeners.length}`);
  const [fastify] = listeners;
  const front: FrontRoute[] = routes.map((route) => ({ route, segments: route.url.includes(':') ? segmentsOf(route.url) : null }));
  const answer = frontAnswer(parts);

  const take = (req: IncomingMessage): { route: DirectRoute; params: Record<string, string> } | null => {
    const { method, url = '', headers } = req;
    if (headers.origin !== undefined || url.includes('?')) return null;
    if (crossSiteRefusal(method ?? '', headers, parts.crossSite) !== null) return null;
    for (const { route, segments } of front) {
      if (route.method !== method) continue;
      const params = segments ? paramsOf(segments, url) : url === route.url ? {} : null;
      if (params === null) continue;
      if (method === 'GET') return { route, params };
      const length = Number(headers['content-length']);
      const json = headers['content-type']?.split(';')[0].trim().toLowerCase() === 'application/json';
      const framed = headers['transfer-encoding'] === undefined && headers.expect === undefined;
      return json && framed && length >= 0 && length <= (parts.jsonBodyLimit ?? -1) ? { route, params } : null;
    }
    return null;
  };

  server.removeListener('request', fastify);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const taken = take(req);
    if (!taken) return fastify(req, res);
    answer(taken.route, taken.params, req, res);
  });
}

function frontAnswer(parts: FrontDoorParts) {
  return (route: DirectRoute, params: Record<string, string>, req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    const request: DirectRequest = {
      id: requestIdOf(req),
      method: route.method,
      url: req.url!,
      headers: req.headers,
      params,
      body: undefined,
      raw: req,
    };
    const reply = new FrontReply(res, { 'x-request-id': request.id, ...parts.headers });
    const context = new DirectContext(request, reply, route);
    res.once('close', () => {
      if (!res.writableFinished) return void parts.log?.aborted(request, route.url);
      const ms = performance.now() - started;
      parts.time?.(route.method, route.url, res.statusCode, ms / 1000);
      parts.log?.answered(request, route.url, res.statusCode, Math.round(ms));
    });
    const fail = (error: unknown) => parts.filter.catch(error, context);
    const send = (result: unknown) => {
      for (const [name, value] of Object.entries(route.headers ?? {})) reply.header(name, value);
      reply.status(route.statusCode).send(result);
    };
    const run = () => answerRoute(route, request, context, { send, fail });
    // the guards and the answer run with the request as the one their log lines name (the request log's scope)
    const inScope = (fn: () => void) => (parts.log ? parts.log.run(request, fn) : fn());
    if (route.method === 'GET') return inScope(run);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () =>
      inScope(() => {
        try {
          request.body = parseJsonBody(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
        } catch (error) {
          return fail(error);
        }
        run();
      }),
    );
  };
}
