/**
 * The APIs' platform as bootstrap() sets it up (fastifyAdapter, the body parsers, the request-wide hooks, the
 * metrics, the error filter), driven over a real socket: what a caller gets back and what the metrics count.
 */
import { Body, Controller, Get, INestApplication, Module, Param, Post } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { NestFactory } from '@nestjs/core';
import { Metrics, MetricsModule } from '../metrics/metrics.module';
import { DomainErrorFilter } from '../domain-error.filter';
import { bodyParsers } from './body-parsers';
import { MAX_JSON_DEPTH } from './json-depth';
import { fastifyAdapter } from './fastify-routes';
import { addRequestWideHooks } from './fastify-request-wide';
import { API_ANSWER_HEADERS, securityHeaderValues } from './security-headers';

@Controller('things')
class ThingsController {
  @Get(':name')
  get(@Param('name') name: string): { name: string } {
    return { name };
  }

  @Post(':name')
  post(@Param('name') name: string, @Body() body: unknown): { name: string; body: unknown } {
    return { name, body };
  }
}

/** The same under /api/: an API's answers. */
@Controller('api/things')
class ApiThingsController extends ThingsController {}

@Module({
  imports: [MetricsModule],
  controllers: [ThingsController, ApiThingsController],
  providers: [bodyParsers({ jsonBytes: 1024, text: { types: ['text/csv'], bytes: 64 } })],
})
class ThingsModule {}

describe('the APIs on fastify (fastifyAdapter)', () => {
  let app: INestApplication;
  let url: string;
  const post = (path: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${url}${path}`, { method: 'POST', headers, body });

  beforeAll(async () => {
    app = await NestFactory.create(ThingsModule, fastifyAdapter(), { logger: false });
    app.useGlobalFilters(new DomainErrorFilter());
    const crossSite = { allowedOrigins: ['http://portal.test'] };
    addRequestWideHooks(app.getHttpAdapter().getInstance() as FastifyInstance, {
      headers: { documents: securityHeaderValues(), api: API_ANSWER_HEADERS },
      crossSite,
    });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });

  afterAll(() => app.close());

  it('parses JSON with JSON.parse: a `__proto__` or `constructor` key stays a key, an empty body is {}', async () => {
    const res = await post('/things/a', '{"__proto__":{"x":1},"constructor":2}');
    expect(res.status).toBe(201);
    const body = ((await res.json()) as { body: Record<string, unknown> }).body;
    expect(Object.keys(body)).toEqual(['__proto__', 'constructor']);
    expect(((await (await post('/things/a', '')).json()) as { body: unknown }).body).toEqual({});
  });

  it('refuses broken, too deep and too large JSON with a 4xx that says why', async () => {
    const broken = await post('/things/a', '{"a":');
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { message: string }).message).toMatch(/not valid JSON/);
    const deep = await post('/things/a', '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1));
    expect(deep.status).toBe(400);
    expect(((await deep.json()) as { message: string }).message).toMatch(/nested more than/);
    expect((await post('/things/a', JSON.stringify({ a: 'x'.repeat(2000) }))).status).toBe(413);
  });

  it('takes the text types it was given as text, and leaves out a body of a type no route takes (no 415)', async () => {
    const csv = await post('/things/a', 'a,b\n1,2\n', { 'content-type': 'text/csv' });
    expect(((await csv.json()) as { body: unknown }).body).toBe('a,b\n1,2\n');
    const other = await post('/things/a', '<x/>', { 'content-type': 'application/xml' });
    expect(other.status).toBe(201);
    expect(((await other.json()) as { body?: unknown }).body).toBeUndefined();
  });

  it('takes path parameters longer than fastify’s default 100 characters', async () => {
    const name = 'n'.repeat(500);
    expect(((await (await fetch(`${url}/things/${name}`)).json()) as { name: string }).name).toBe(name);
  });

  it('echoes the request id, or makes one', async () => {
    const res = await post('/things/b?q=1', '{"n":1}', { 'content-type': 'application/json', 'x-request-id': 'trace-7' });
    expect(res.headers.get('x-request-id')).toBe('trace-7');
    expect((await fetch(`${url}/things/c`)).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  const SECURITY = [
    'content-security-policy',
    'x-content-type-options',
    'x-frame-options',
    'cross-origin-resource-policy',
    'referrer-policy',
    'x-powered-by',
  ];
  const securityOf = (res: Response) => Object.fromEntries(SECURITY.map((name) => [name, res.headers.get(name)]));

  it('sends helmet’s security headers with a document’s answers, a 404 and a refusal included', async () => {
    const helmet = securityHeaderValues();
    const answers = [
      await fetch(`${url}/things/c`),
      await fetch(`${url}/nowhere`),
      await fetch(`${url}/api/docs`),
      await post('/things/a', '{}', { 'content-type': 'application/json', origin: 'http://evil.test' }),
    ];
    expect(helmet['content-security-policy']).toContain("default-src 'self'");
    for (const res of answers) {
      expect(securityOf(res)).toEqual(Object.fromEntries(SECURITY.map((name) => [name, helmet[name] ?? null])));
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    }
    expect(answers.map((r) => r.status)).toEqual([200, 404, 404, 403]);
  });

  it('sends the API set with an API’s answers, a 404 and a refusal included: nothing runs, frames or sniffs', async () => {
    const answers = [
      await fetch(`${url}/api/things/c`),
      await fetch(`${url}/api/nowhere`),
      await post('/api/things/a', '{}', { 'content-type': 'application/json', origin: 'http://evil.test' }),
    ];
    for (const res of answers) {
      expect(securityOf(res)).toEqual({
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'cross-origin-resource-policy': 'same-origin',
        'referrer-policy': null, // a document's header
        'x-powered-by': null,
      });
    }
    expect(answers.map((r) => r.status)).toEqual([200, 404, 403]);
  });

  it('refuses a change sent by another site with a 403 ApiErrorBody, and lets reads and the portal through', async () => {
    const refused = await post('/things/a', '{}', { 'content-type': 'application/json', origin: 'http://evil.test' });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ statusCode: 403, error: 'ForbiddenError', retryable: false });
    expect((await post('/things/a', '{}', { 'content-type': 'application/json', origin: 'http://portal.test' })).status).toBe(201);
    expect((await fetch(`${url}/things/a`, { headers: { origin: 'http://evil.test' } })).status).toBe(200);
  });

  it('times requests by the route fastify matched, unmatched ones as "unmatched"', async () => {
    await (await fetch(`${url}/things/x`)).text();
    await (await fetch(`${url}/nowhere`)).text();
    const text = await app.get(Metrics).registry.metrics();
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/things\/:name",status="200"\} \d+/);
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\} \d+/);
  });
});
