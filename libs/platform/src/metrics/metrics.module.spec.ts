import { Controller, Get, INestApplication, NotFoundException, Param } from '@nestjs/common';
import { Counter } from 'prom-client';
import { Test } from '@nestjs/testing';
import { HTTP_TIMES_WAIT_MS, Metrics, MetricsModule } from './metrics.module';

@Controller('probe')
class ProbeController {
  @Get(':id')
  get(@Param('id') id: string): { id: string } {
    if (id === 'missing') throw new NotFoundException();
    return { id };
  }
}

describe('MetricsModule', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [MetricsModule], controllers: [ProbeController] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });

  afterAll(() => app.close());

  it('times every request by method, declared route and status, unmatched ones as "unmatched"', async () => {
    for (const path of ['/probe/a', '/probe/b', '/probe/missing', '/nowhere']) await (await fetch(`${url}${path}`)).text();
    const text = await app.get(Metrics).registry.metrics();
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/probe\/:id",status="200"\} 2/);
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/probe\/:id",status="404"\} 1/);
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\} 1/);
  });
});

describe('Metrics.timeHttp', () => {
  it('observes kept times when the histogram is read (a scrape), each with its labels and bucket, once', async () => {
    const metrics = new Metrics();
    const observe = jest.spyOn(metrics.httpDuration, 'observe');
    metrics.timeHttp('POST', '/api/x', 200, 0.002);
    metrics.timeHttp('POST', '/api/x', 200, 0.3);
    metrics.timeHttp('GET', undefined, 404, 0.0005);
    expect(observe).not.toHaveBeenCalled(); // not on the request's path
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/http_request_duration_seconds_bucket\{le="0.005",method="POST",route="\/api\/x",status="200"\} 1/);
    expect(text).toMatch(/http_request_duration_seconds_bucket\{le="0.5",method="POST",route="\/api\/x",status="200"\} 2/);
    expect(text).toMatch(/http_request_duration_seconds_sum\{method="POST",route="\/api\/x",status="200"\} 0.302/);
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\} 1/);
    await metrics.registry.metrics();
    expect(observe).toHaveBeenCalledTimes(3); // a second read adds nothing
  });

  it('observes them within HTTP_TIMES_WAIT_MS with no read', () => {
    jest.useFakeTimers();
    try {
      const metrics = new Metrics();
      const observe = jest.spyOn(metrics.httpDuration, 'observe');
      metrics.timeHttp('POST', '/api/x', 200, 0.01);
      jest.advanceTimersByTime(HTTP_TIMES_WAIT_MS - 1);
      expect(observe).not.toHaveBeenCalled();
      jest.advanceTimersByTime(1);
      expect(observe).toHaveBeenCalledWith({ method: 'POST', route: '/api/x', status: '200' }, 0.01);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('Metrics.keptCount', () => {
  it('adds its counts to the counter when the counter is read, once each', async () => {
    const metrics = new Metrics();
    const counter = metrics.counter('kept_total', 'kept counts', ['api']);
    const inc = jest.spyOn(counter, 'inc');
    const predict = metrics.keptCount(counter, { api: 'predict' });
    const batch = metrics.keptCount(counter, { api: 'batch' });
    predict();
    predict(4);
    batch(10);
    expect(inc).not.toHaveBeenCalled(); // not on the hot path
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/kept_total\{api="predict"\} 5/);
    expect(text).toMatch(/kept_total\{api="batch"\} 10/);
    predict();
    expect(await metrics.registry.metrics()).toMatch(/kept_total\{api="predict"\} 6/);
    expect(await metrics.registry.metrics()).toMatch(/kept_total\{api="predict"\} 6/); // nothing counted twice
  });

  it('refuses a counter it did not make (its counts would never be read)', () => {
    const metrics = new Metrics();
    const counter = new Counter({ name: 'other_total', help: 'other', registers: [metrics.registry] });
    expect(() => metrics.keptCount(counter, {})).toThrow(/not made by Metrics.counter/);
  });
});
