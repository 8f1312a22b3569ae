import { Metrics } from '@modelstream/platform';
import { ServingStats, WINDOW_SECONDS } from './serving-stats';

describe('ServingStats', () => {
  afterEach(() => jest.useRealTimers());

  it('counts requests and errors per version across APIs, with p50/p99 over the window', async () => {
    const stats = new ServingStats(new Metrics());
    for (let i = 1; i <= 100; i++) stats.record('churn', '3', i % 2 ? 'predict' : 'invocations', i / 1000, false);
    stats.record('churn', '3', 'predict', 0.5, true);
    stats.record('churn', '3', 'batch', 0.002, true);
    stats.record('churn', '4', 'predict', 0.01, false);
    const figures = stats.snapshot();
    const v3 = figures.get('models:/churn/3')!;
    expect(v3).toMatchObject({ requests: 102, errors: 2 });
    expect(v3.p50Ms).toBeGreaterThanOrEqual(45);
    expect(v3.p50Ms).toBeLessThanOrEqual(56);
    expect(v3.p99Ms).toBeGreaterThanOrEqual(99);
    expect(v3.p99Ms).toBeLessThanOrEqual(500);
    expect(figures.get('models:/churn/4')).toEqual({ requests: 1, errors: 0, p50Ms: 10, p99Ms: 10 });
    expect(figures.has('models:/churn/5')).toBe(false);
  });

  it('keeps the counts but drops the percentiles once the window has passed', async () => {
    jest.useFakeTimers({ now: Date.parse('2026-01-01T00:00:00Z') });
    const stats = new ServingStats(new Metrics());
    stats.record('churn', '1', 'predict', 0.02, false);
    expect(stats.snapshot().get('models:/churn/1')).toEqual({ requests: 1, errors: 0, p50Ms: 20, p99Ms: 20 });
    jest.setSystemTime(Date.now() + (WINDOW_SECONDS + 1) * 1000);
    expect(stats.snapshot().get('models:/churn/1')).toEqual({ requests: 1, errors: 0 });
  });

  it('shares its series when two instances use one registry (the app and /metrics)', async () => {
    const metrics = new Metrics();
    new ServingStats(metrics).record('churn', '2', 'predict', 0.001, false);
    expect(new ServingStats(metrics).snapshot().get('models:/churn/2')?.requests).toBe(1);
    expect(await metrics.registry.metrics()).toContain('modelstream_inference_request_seconds{quantile="0.99",name="churn",version="2"}');
  });

  it('exposes the Summary and the request Counter as prom-client did, samples read on the scrape', async () => {
    const metrics = new Metrics();
    const stats = new ServingStats(metrics);
    stats.record('churn', '7', 'predict', 0.004, false);
    stats.record('churn', '7', 'predict', 0.006, true);
    stats.record('churn', '7', 'invocations', 0.005, false);
    const text = await metrics.registry.metrics();
    expect(text).toContain('# TYPE modelstream_inference_request_seconds summary');
    expect(text).toContain('modelstream_inference_request_seconds{quantile="0.5",name="churn",version="7"} 0.005');
    expect(text).toContain('modelstream_inference_request_seconds{quantile="0.99",name="churn",version="7"} 0.006');
    expect(text).toContain('modelstream_inference_request_seconds_sum{name="churn",version="7"} 0.015');
    expect(text).toContain('modelstream_inference_request_seconds_count{name="churn",version="7"} 3');
    expect(text).toContain('modelstream_inference_requests_total{name="churn",version="7",api="predict",outcome="ok"} 1');
    expect(text).toContain('modelstream_inference_requests_total{name="churn",version="7",api="predict",outcome="error"} 1');
    expect(text).toContain('modelstream_inference_requests_total{name="churn",version="7",api="invocations",outcome="ok"} 1');
    // a second scrape adds only what came since
    stats.record('churn', '7', 'predict', 0.004, false);
    expect(await metrics.registry.metrics()).toContain(
      'modelstream_inference_requests_total{name="churn",version="7",api="predict",outcome="ok"} 2',
    );
  });
});
