import { portalDocument } from './portal-document';

describe('portalDocument', () => {
  const document = {
    openapi: '3.0.0',
    info: { title: 'modelstream inference API' },
    paths: { '/health': { get: { summary: 'health' } }, '/ping': { get: {} }, '/api/predict': { post: {} } },
  };

  it("points servers at the portal and renames the app's /health to the portal's /health/<app>", () => {
    const served = portalDocument(document, 'inference', 'http://127.0.0.1:8080/');
    expect(served.servers).toEqual([{ url: 'http://127.0.0.1:8080', description: 'the portal, which forwards /api/... to inference' }]);
    expect(Object.keys(served.paths!)).toEqual(['/health/inference', '/ping', '/api/predict']);
    expect(served.paths!['/health/inference']).toEqual({ get: { summary: 'health' } });
    expect(served.info).toEqual(document.info);
  });

  it('leaves the document it was given as it was', () => {
    portalDocument(document, 'ingest', 'http://portal');
    expect(Object.keys(document.paths)).toContain('/health');
    expect(document).not.toHaveProperty('servers');
  });
});
