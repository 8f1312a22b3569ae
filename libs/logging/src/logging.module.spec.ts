import { requestLogLevel } from './logging.module';

describe('requestLogLevel', () => {
  it('logs a successful read quietly, at the level it is given', () => {
    expect(requestLogLevel('GET', 200, undefined, 'silent')).toBe('silent');
    expect(requestLogLevel('HEAD', 304, undefined, 'debug')).toBe('debug');
  });

  it('logs every change, refusal and failure at info', () => {
    expect(requestLogLevel('POST', 200, undefined, 'silent')).toBe('info');
    expect(requestLogLevel('DELETE', 204, undefined, 'silent')).toBe('info');
    expect(requestLogLevel('GET', 404, undefined, 'silent')).toBe('info');
    expect(requestLogLevel('GET', 401, undefined, 'silent')).toBe('info');
    expect(requestLogLevel('GET', 503, undefined, 'silent')).toBe('info');
    expect(requestLogLevel('GET', 200, new Error('aborted'), 'silent')).toBe('info');
  });
});
