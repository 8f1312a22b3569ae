/**
 * The front door on a real Nest + fastify app over a real socket: each request is sent twice, once plain (answered
 * in front of fastify) and once as fastify takes it (the same path with a query string), and the two answers must agree — status, body and headers — for successes, guard refusals, failures of
 * the answer, bodies that are not JSON or nest too deep, and path parameters. What is not plain goes to fastify.
 */
import {
  Body,
  CanActivate,
  Controller,
  ExecutionContext,
  Get,
  Header,
  HttpCode,
  INestApplication,
  Module,
  Param,
  Post,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { ForbiddenError, InvalidInputError, TooManyRequestsError } from '@modelstream/contracts';
import { DomainErrorFilter } from '../domain-error.filter';
import { bodyParsers } from './body-parsers';
import { fastifyAdapter } from './fastify-routes';
import { answerDirectly, DirectRequest, directRoute } from './direct-route';
import { openFrontDoor } from './front-door';
import { API_ANSWER_HEADERS } from './security-headers';
import { addRequestWideHooks } from './fastify-request-wide';

@Controller('api')
class EchoController {
  @Post('echo')
  @HttpCode(202)
  echo(@Body() body: { say?: string }): { said: string | undefined } {
    if (body.say === 'fail') throw new InvalidInputError('say something else');
    if (body.say === 'crash') throw new Error('a bug');
    return { said: body.say };
  }

  @Get('named/:name')
  @Header('content-type', 'application/json; charset=utf-8')
  named(@Param('name') name: string): string {
    return `{"name":"${name}"}`;
  }
}

@Module({ controllers: [EchoController], providers: [bodyParsers({ jsonBytes: 2000 })] })
class EchoModule {}

/** Refuses a request whose x-refuse header says so: by throwing, by answering false, or over a rate. */
class RefusingGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const refuse = context.switchToHttp().getRequest<DirectRequest>().headers['x-refuse'];
    if (refuse === 'throws') throw new ForbiddenError('the guard says no');
    if (refuse === 'rate') throw new TooManyRequestsError('too many', 3);
    return Promise.resolve(refuse !== 'false');
  }
}

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/** What a client sees of an answer; the date, the connection's and the request's own id left out. */
async function answerOf(res: Response): Promise<Answer> {
  const headers = Object.fromEntries(
    [...res.headers].filter(([name]) => !['date', 'connection', 'keep-alive', 'x-request-id'].includes(name)),
  );
  return { status: res.status, body: await res.text(), headers };
}

describe('the front door (openFrontDoor)', () => {
  let app: INestApplication;
  let url: string;
  const inFront: string[] = [];
  const logged: string[] = [];

  const plain = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  /** The same request as fastify takes it: a query string is not plain. */
  const toFastify = (path: string, body: string, headers: Record<string, string> = {}) => plain(`${path}?via=fastify`, body, headers);
  const chunked = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: new Blob([body]).stream(), // no Content-Length: sent chunked, so fastify takes it
      duplex: 'half',
    } as RequestInit);

  beforeAll(async () => {
    app = await NestFactory.create(EchoModule, fastifyAdapter(), { logger: false });
    app.useGlobalFilters(new DomainErrorFilter());
    const instance = app.getHttpAdapter().getInstance() as FastifyInstance;
    const crossSite = { allowedOrigins: [] };
    addRequestWideHooks(instance, { headers: { documents: {}, api: API_ANSWER_HEADERS }, crossSite });
    const routes = [
      directRoute(app, EchoController, 'echo', {
        guards: [new RefusingGuard()],
        answer: (controller, request) => controller.echo(request.body as { say?: string }),
      }),
      directRoute(app, EchoController, 'named', {
        guards: [],
        answer: (controller, request) => controller.named((request.params as { name: string }).name),
      }),
    ];
    const filter = new DomainErrorFilter();
    const check = answerDirectly(instance, routes, filter);
    await app.init();
    check();
    openFrontDoor(instance.server, routes, {
      headers: API_ANSWER_HEADERS,
      crossSite,
      jsonBodyLimit: 2000,
      filter,
      time: (method, route, status) => inFront.push(`${method} ${route} ${status}`),
      log: {
        run: (request, fn) => {
          logged.push(`run ${request.method} ${request.url}`);
          fn();
        },
        answered: (request, route, status) => logged.push(`answered ${route} ${status}`),
        aborted: (request, route) => logged.push(`aborted ${route}`),
      },
    });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });

  afterAll(() => app.close());
  beforeEach(() => {
    inFront.splice(0);
    logged.splice(0);
  });

  it.each([
    ['an answer', '{"say":"hi"}', {}],
    ['an empty body', '', {}],
    ['a guard that throws', '{"say":"hi"}', { 'x-refuse': 'throws' }],
    ['a guard that answers false', '{"say":"hi"}', { 'x-refuse': 'false' }],
    ['a rate refusal, with its Retry-After', '{"say":"hi"}', { 'x-refuse': 'rate' }],
    ["the answer's domain error", '{"say":"fail"}', {}],
    ['an unexpected error (a 500 with a correlation id)', '{"say":"crash"}', {}],
    ['a body that is not JSON', '{"say":', {}],
    ['a body nested too deep', `{"say":${'['.repeat(80)}${']'.repeat(80)}}`, {}],
    ['a content type with its charset', '{"say":"hi"}', { 'content-type': 'application/json; charset=utf-8' }],
  ])('answers %s as fastify does', async (_case, body, headers) => {
    const front = await answerOf(await plain('/api/echo', body, headers));
    expect(inFront).toHaveLength(1);
    const behind = await answerOf(await toFastify('/api/echo', body, headers));
    expect(inFront).toHaveLength(1);
    if (front.status === 500) {
      const ids = [front, behind].map((a) => (JSON.parse(a.body) as { correlationId: string }).correlationId);
      expect(ids[0]).not.toBe(ids[1]);
      [front.body, behind.body] = [front.body.replaceAll(ids[0], 'ID'), behind.body.replaceAll(ids[1], 'ID')];
      [front.headers['content-length'], behind.headers['content-length']] = ['', ''];
    }
    expect(front).toEqual(behind);
    expect(front.headers['x-content-type-options']).toBe('nosniff'); // the API's security headers
  });

  it('sends the request id, counts the answer and writes its line, in the request log scope', async () => {
    const res = await plain('/api/echo', '{"say":"hi"}', { 'x-request-id': 'req-42' });
    expect(res.headers.get('x-request-id')).toBe('req-42');
    await res.text();
    expect(inFront).toEqual(['POST /api/echo 202']);
    expect(logged).toEqual(['run POST /api/echo', 'answered /api/echo 202']);
  });

  it('answers a path parameter and the route headers as fastify does', async () => {
    const front = await answerOf(await fetch(`${url}/api/named/ada`));
    const behind = await answerOf(await fetch(`${url}/api/named/ada?from=fastify`));
    expect(inFront).toEqual(['GET /api/named/:name 200']);
    expect(front).toEqual(behind);
    expect(front.body).toBe('{"name":"ada"}');
    expect((await fetch(`${url}/api/named/`)).status).toBe(404);
    expect((await fetch(`${url}/api/named/a%20b`)).status).toBe(200);
    expect(inFront).toHaveLength(1); // an empty or encoded parameter is fastify's
  });

  it.each([
    ['a request with an Origin (CORS)', { origin: 'http://127.0.0.1:1' }],
    ['a cross-site request', { 'sec-fetch-site': 'cross-site' }],
    ['a body of another type', { 'content-type': 'text/plain' }],
  ])('leaves %s to fastify', async (_case, headers) => {
    await (await plain('/api/echo', '{"say":"hi"}', headers)).text();
    expect(inFront).toEqual([]);
  });

  it('leaves a chunked body to fastify, which answers it as in front', async () => {
    const res = await chunked('/api/echo', '{"say":"hi"}');
    expect([res.status, await res.text()]).toEqual([202, '{"said":"hi"}']);
    expect(inFront).toEqual([]);
  });

  it('leaves a body over the limit to fastify, which refuses it', async () => {
    const res = await plain('/api/echo', JSON.stringify({ say: 'x'.repeat(3000) }));
    expect(res.status).toBe(413);
    expect(inFront).toEqual([]);
  });
});
