import { upstreamErrorBody } from './upstream-error';

const error = (code: string, message = `connect ${code}`) => Object.assign(new Error(message), { code });

describe('upstreamErrorBody', () => {
  it('answers 503, naming the app, where it was looked for and how to start it, when nothing listens', () => {
    const body = upstreamErrorBody('ingest', 'http://127.0.0.1:3000', error('ECONNREFUSED'));
    expect(body).toEqual({
      statusCode: 503,
      error: 'UpstreamUnavailable',
      message: expect.stringMatching(
        /^The ingest app is not reachable at http:\/\/127\.0\.0\.1:3000 \(ECONNREFUSED\): start it \(\.\/scripts\/run\.sh/,
      ),
      retryable: true,
      details: { app: 'ingest', target: 'http://127.0.0.1:3000', code: 'ECONNREFUSED' },
    });
  });

  it('answers 504 on a timeout and 502 on a connection lost mid-answer', () => {
    expect(upstreamErrorBody('inference', 'http://h:1', error('ETIMEDOUT')).statusCode).toBe(504);
    const reset = upstreamErrorBody('inference', 'http://h:1', error('ECONNRESET', 'socket hang up'));
    expect(reset).toMatchObject({
      statusCode: 502,
      error: 'BadGateway',
      message: expect.stringContaining('scripts/apps.sh logs inference'),
    });
    expect(upstreamErrorBody('trainer', 'http://h:1', new Error('odd')).message).toContain('(odd)');
  });
});
