import {
  BadRequestError,
  ConflictError,
  errorFromResponse,
  ModelstreamError,
  networkError,
  NetworkError,
  NotFoundError,
  parseRetryAfter,
  ServerError,
  ServiceUnavailableError,
  UnauthorizedError,
} from './errors';

describe('errorFromResponse', () => {
  it.each([
    [400, BadRequestError],
    [401, UnauthorizedError],
    [404, NotFoundError],
    [409, ConflictError],
    [503, ServiceUnavailableError],
    [500, ServerError],
    [502, ServerError],
  ])('maps %i to %p', (status, Kind) => {
    const error = errorFromResponse(status, { message: 'm' });
    expect(error).toBeInstanceOf(Kind);
    expect(error).toBeInstanceOf(ModelstreamError);
    expect(error.status).toBe(status);
    expect(error.name).toBe(Kind.name);
  });

  it("carries the API's message, kind and details; validation lines become one message", () => {
    const error = errorFromResponse(404, {
      statusCode: 404,
      error: 'NotFoundError',
      message: 'No job with trackingId "x".',
      details: { trackingId: 'x' },
    });
    expect(error.message).toBe('No job with trackingId "x".');
    expect(error.code).toBe('NotFoundError');
    expect(error.details).toEqual({ trackingId: 'x' });
    expect(errorFromResponse(400, { message: ['filename is required', 'chunkIndex must be …'] }).message).toBe(
      'filename is required; chunkIndex must be …',
    );
  });

  it('says what answered when the body has no message, and reads Retry-After on a 503', () => {
    const error = errorFromResponse(503, '', { retryAfter: '2', method: 'GET', url: 'http://h/x', statusText: 'Service Unavailable' });
    expect(error.message).toBe('GET http://h/x answered 503 Service Unavailable');
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(2000);
    expect(errorFromResponse(400, { message: 'no' }).retryable).toBe(false);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('0.5')).toBe(500);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:04 GMT', now)).toBe(4000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('networkError', () => {
  it('names the request and the cause (its code included)', () => {
    const cause = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
    });
    const error = networkError(cause, { method: 'POST', url: 'http://127.0.0.1:1/api' });
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.status).toBe(0);
    expect(error.retryable).toBe(true);
    expect(error.message).toBe('POST http://127.0.0.1:1/api got no answer: connect ECONNREFUSED 127.0.0.1:1');
  });
});
