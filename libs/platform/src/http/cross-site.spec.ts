import { crossSiteRefusal } from './cross-site';

const policy = { allowedOrigins: ['http://127.0.0.1:8080', 'http://localhost:5173/'] };

describe('crossSiteRefusal', () => {
  it('lets reads through from anywhere', () => {
    expect(crossSiteRefusal('GET', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }, policy)).toBeNull();
  });

  it('lets changes through from the app itself, the portal, a CORS origin, and clients without a browser', () => {
    expect(crossSiteRefusal('POST', { origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' }, policy)).toBeNull();
    expect(
      crossSiteRefusal('POST', { origin: 'http://127.0.0.1:8080', host: '127.0.0.1:3000', 'sec-fetch-site': 'same-origin' }, policy),
    ).toBeNull();
    expect(crossSiteRefusal('DELETE', { origin: 'http://localhost:5173', host: '127.0.0.1:3000' }, policy)).toBeNull();
    expect(crossSiteRefusal('POST', { host: '127.0.0.1:3000' }, policy)).toBeNull();
    expect(crossSiteRefusal('POST', { 'sec-fetch-site': 'none' }, policy)).toBeNull();
  });

  it('refuses changes sent by a page of another site, saying where to call from', () => {
    expect(crossSiteRefusal('POST', { origin: 'https://evil.example', host: '127.0.0.1:3000' }, policy)).toContain(
      'A page on https://evil.example',
    );
    expect(crossSiteRefusal('POST', { 'sec-fetch-site': 'cross-site', host: '127.0.0.1:3000' }, policy)).toContain('another site');
    expect(crossSiteRefusal('PUT', { 'sec-fetch-site': 'same-site' }, policy)).not.toBeNull();
    expect(crossSiteRefusal('POST', { origin: 'null' }, policy)).toContain('opaque origin');
  });
});
