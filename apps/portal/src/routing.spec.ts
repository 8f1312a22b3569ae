import { acceptsHtml, apiUpstreamOf, routeOf } from './routing';

const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('apiUpstreamOf', () => {
  it.each([
    ['/api/predict', 'inference'],
    ['/api/predict/batch', 'inference'],
    ['/api/predict/batch/123/results', 'inference'],
    ['/api/models', 'inference'],
    ['/api/models/loaded', 'inference'],
    ['/api/models/churn/aliases/champion', 'inference'],
    ['/api/models/churn/versions/3/invocations', 'inference'],
    ['/API/Models/churn', 'inference'],
    ['/api/model-train/start', 'ingest'],
    ['/api/model-train/events', 'ingest'],
    ['/api/model-specs', 'ingest'],
    ['/api/modelsx', 'ingest'],
    ['/api/predictions', 'ingest'],
    ['/api/datasets/abc/sweeps', 'ingest'],
    ['/api/ops/consumers', 'ingest'],
    ['/api/dead-letters', 'ingest'],
    ['/api', 'ingest'],
  ])('%s → %s', (path, upstream) => {
    expect(apiUpstreamOf(path)).toBe(upstream);
  });
});

describe('routeOf', () => {
  it('sends /api to the app that owns the path, whatever the method or Accept', () => {
    expect(routeOf('POST', '/api/model-train/start', 'application/json')).toEqual({ kind: 'api', upstream: 'ingest' });
    expect(routeOf('GET', '/api/models/churn', HTML)).toEqual({ kind: 'api', upstream: 'inference' });
    expect(routeOf('DELETE', '/api/models/churn/aliases/champion/')).toEqual({ kind: 'api', upstream: 'inference' });
    expect(routeOf('GET', '/ping')).toEqual({ kind: 'api', upstream: 'inference' });
  });

  it("forwards /health/<app> for the three apps, and keeps /health the portal's own", () => {
    expect(routeOf('GET', '/health')).toEqual({ kind: 'health' });
    expect(routeOf('GET', '/health/ingest')).toEqual({ kind: 'app-health', upstream: 'ingest' });
    expect(routeOf('GET', '/health/inference')).toEqual({ kind: 'app-health', upstream: 'inference' });
    expect(routeOf('GET', '/health/trainer')).toEqual({ kind: 'app-health', upstream: 'trainer' });
    expect(routeOf('GET', '/health/redis', HTML)).toEqual({ kind: 'not-found' });
  });

  it('serves the docs of ingest and inference only', () => {
    expect(routeOf('GET', '/docs/ingest', HTML)).toEqual({ kind: 'docs', app: 'ingest' });
    expect(routeOf('GET', '/docs/inference/', HTML)).toEqual({ kind: 'docs', app: 'inference' });
    expect(routeOf('GET', '/docs/trainer', HTML)).toEqual({ kind: 'not-found' });
  });

  it('answers a browser navigation anywhere else with the SPA, so deep links reload', () => {
    for (const path of ['/', '/jobs', '/jobs/0b7c1f2e', '/models', '/predict', '/datasets/abc', '/sweeps/s1', '/system']) {
      expect(routeOf('GET', path, HTML)).toEqual({ kind: 'spa' });
    }
    expect(routeOf('HEAD', '/jobs', 'text/html')).toEqual({ kind: 'spa' });
  });

  it('does not answer HTML where a script, a JSON client or a missing asset asked', () => {
    expect(routeOf('GET', '/jobs', 'application/json')).toEqual({ kind: 'not-found' });
    expect(routeOf('GET', '/jobs', '*/*')).toEqual({ kind: 'not-found' });
    expect(routeOf('GET', '/jobs')).toEqual({ kind: 'not-found' });
    expect(routeOf('POST', '/jobs', HTML)).toEqual({ kind: 'not-found' });
    expect(routeOf('GET', '/assets/index-abc.js', HTML)).toEqual({ kind: 'asset' });
    expect(routeOf('GET', '/docs/nothing/here', HTML)).toEqual({ kind: 'not-found' });
    expect(routeOf('GET', '/metrics/x', HTML)).toEqual({ kind: 'not-found' });
  });
});

describe('acceptsHtml', () => {
  it.each([
    [HTML, true],
    ['text/html', true],
    ['application/xhtml+xml;q=0.9', true],
    ['text/event-stream', false],
    ['application/json, text/plain, */*', false],
    ['text/htmlx', false],
    [undefined, false],
  ])('%s → %s', (accept, expected) => {
    expect(acceptsHtml(accept)).toBe(expected);
  });
});
