import { routeAccess } from '@modelstream/auth';
import { InferenceModule, PREDICTION_ROUTES } from './inference.module';

describe('inference routes', () => {
  const routes = routeAccess(InferenceModule);

  it('each declare the scope they need, or that they are public', () => {
    expect(routes.length).toBeGreaterThan(15);
    expect(routes.filter((r) => !r.scope && !r.public)).toEqual([]);
  });

  it('ask predict to predict, read to look, admin to load or evict', () => {
    const scopeOf = (route: string) => routes.find((r) => r.route === route)?.scope;
    expect(scopeOf('POST /api/predict')).toBe('predict');
    expect(scopeOf('POST /api/predict/batch')).toBe('predict');
    expect(scopeOf('GET /api/models')).toBe('read');
    expect(scopeOf('POST /api/models/:name/versions/:version/load')).toBe('admin');
    expect(routes.filter((r) => r.public).map((r) => r.route)).toEqual(expect.arrayContaining(['GET /ping', 'GET /health']));
  });

  it('name only prediction routes that exist as the ones logged like reads', () => {
    expect(routes.map((r) => r.route)).toEqual(expect.arrayContaining(PREDICTION_ROUTES));
    expect(PREDICTION_ROUTES.every((r) => r.startsWith('POST ') && /predict|invocations/.test(r))).toBe(true);
  });
});
