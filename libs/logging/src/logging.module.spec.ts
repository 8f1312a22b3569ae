import { requestLogLevel } from './logging.module';

const req = (method: string, route?: string) => ({ method, route: route ? { path: route } : undefined });
const reads = new Set(['POST /api/predict']);

describe('requestLogLevel', () => {
  it('logs a successful read quietly, at the level it is given', () => {
    expect(requestLogLevel(req('GET'), 200, undefined, 'silent', reads)).toBe('silent');
    expect(requestLogLevel(req('HEAD'), 304, undefined, 'debug', reads)).toBe('debug');
    expect(requestLogLevel(req('POST', '/api/predict'), 200, undefined, 'silent', reads)).toBe('silent');
  });

  it('logs every change, refusal and failure at info', () => {
    expect(requestLogLevel(req('POST', '/api/model-train/start'), 200, undefined, 'silent', reads)).toBe('info');
    expect(requestLogLevel(req('POST'), 200, undefined, 'silent', reads)).toBe('info');
    expect(requestLogLevel(req('DELETE', '/api/predict'), 204, undefined, 'silent', reads)).toBe('info');
    expect(requestLogLevel(req('GET'), 404, undefined, 'silent', reads)).toBe('info');
    expect(requestLogLevel(req('GET'), 401, undefined, 'silent', reads)).toBe('info');
    expect(requestLogLevel(req('POST', '/api/predict'), 400, undefined, 'silent', reads)).toBe('info');
    expect(requestLogLevel(req('POST', '/api/predict'), 429, undefined, 'silent', reads)).toBe('info');
    expect(requestLogLevel(req('GET'), 503, undefined, 'silent', reads)).toBe('info');
    expect(requestLogLevel(req('GET'), 200, new Error('aborted'), 'silent', reads)).toBe('info');
  });
});
