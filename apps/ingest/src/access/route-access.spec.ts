import { routeAccess } from '@modelstream/auth';
import { IngestModule } from '../ingest.module';

describe('ingest routes', () => {
  const routes = routeAccess(IngestModule);

  it('each declare the scope they need, or that they are public', () => {
    expect(routes.length).toBeGreaterThan(15);
    expect(routes.filter((r) => !r.scope && !r.public)).toEqual([]);
  });

  it('ask train to change, read to look, admin for operator routes', () => {
    const scopeOf = (route: string) => routes.find((r) => r.route === route)?.scope;
    expect(scopeOf('POST /api/model-train/start')).toBe('train');
    expect(scopeOf('POST /api/model-train/:trackingId/cancel')).toBe('train');
    expect(scopeOf('GET /api/model-train/status/:trackingId')).toBe('read');
    expect(scopeOf('DELETE /api/datasets/:datasetId')).toBe('train');
    expect(scopeOf('GET /api/dead-letters')).toBe('admin');
    expect(routes.filter((r) => r.public).map((r) => r.route)).toEqual(expect.arrayContaining(['GET /health']));
  });
});
