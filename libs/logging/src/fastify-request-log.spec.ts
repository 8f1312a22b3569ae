/** The request log on fastify, over a real socket: one line per request at its level, context on every line. */
import Fastify, { FastifyInstance } from 'fastify';
import pino from 'pino';
import { Writable } from 'node:stream';
import { addFastifyRequestLog, requestBindings } from './fastify-request-log';
import { requestLogLevel, responseSerializer } from './logging.module';

const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});
// the `res` serializer as the apps have it: pino-http wraps it in its own response serializer
const serializers = { res: pino.stdSerializers.wrapResponseSerializer(responseSerializer) };
const logger = pino({ level: 'info', mixin: requestBindings, serializers }, sink);

describe('addFastifyRequestLog', () => {
  let app: FastifyInstance;
  let url: string;

  beforeAll(async () => {
    app = Fastify({ genReqId: (req) => String(req.headers['x-request-id'] ?? 'generated') });
    addFastifyRequestLog(app, {
      logger: () => logger,
      levelOf: (req, status, error) => requestLogLevel(req, status, error, 'silent', new Set()),
      quietPaths: new Set(['/health']),
    });
    app.get('/jobs/:trackingId', async (request) => ({ id: (request.params as { trackingId: string }).trackingId }));
    app.get('/health', async () => ({ ok: true }));
    app.post('/jobs', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      logger.info('inside the request'); // the root logger, as nestjs-pino's Logger uses it on fastify
      return { accepted: true };
    });
    app.get('/fails', async (_request, reply) => reply.code(503).send({ down: true }));
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(() => app.close());
  beforeEach(() => (lines.length = 0));
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

  it('gives a line outside any request only its own fields, never those of the lines before it', async () => {
    // pino merges a line's fields into the object the mixin returns: a shared one would collect every line's
    logger.info({ task: 'sweep promoter', attempt: 3 }, 'first');
    logger.info({ backend: 'tensorflow' }, 'second');
    logger.info('third');
    await settle();
    expect(lines.map(({ time: _time, pid: _pid, hostname: _hostname, ...rest }) => rest)).toEqual([
      { level: 30, task: 'sweep promoter', attempt: 3, msg: 'first' },
      { level: 30, backend: 'tensorflow', msg: 'second' },
      { level: 30, msg: 'third' },
    ]);
  });

  it('writes no line for a read that succeeded, nor for a health probe', async () => {
    await (await fetch(`${url}/jobs/j-1`)).text();
    await (await fetch(`${url}/health`)).text();
    await settle();
    expect(lines).toEqual([]);
  });

  it('gives every line of a change the request and its trackingId, and ends it with one line', async () => {
    const body = JSON.stringify({ trackingId: 'job-7' });
    await fetch(`${url}/jobs?x=1`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'r-1' }, body });
    await settle();
    const req = { id: 'r-1', method: 'POST', url: '/jobs?x=1' };
    expect(lines).toEqual([
      expect.objectContaining({ msg: 'inside the request', req, trackingId: 'job-7' }),
      expect.objectContaining({ msg: 'request completed', req, trackingId: 'job-7', res: { statusCode: 200 }, level: 30 }),
    ]);
    expect(lines[1].responseTime).toBeGreaterThanOrEqual(4);
  });

  it('logs a refused or failed read, a failure as errored; outside a request, lines carry no request', async () => {
    await (await fetch(`${url}/jobs/j-2/missing`)).text();
    await (await fetch(`${url}/fails`, { headers: { 'x-request-id': 'r-2' } })).text();
    await settle();
    logger.info('outside');
    expect(lines.map((l) => [l.msg, (l.res as { statusCode: number } | undefined)?.statusCode])).toEqual([
      ['request completed', 404],
      ['request errored', 503],
      ['outside', undefined],
    ]);
    expect(lines[2]).not.toHaveProperty('req');
  });
});
