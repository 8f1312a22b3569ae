/**
 * Typed errors of the SDK: every non-2xx answer becomes a `ModelstreamError` subclass chosen by its status,
 * carrying the API's `message` (what went wrong and what to do), its `error` kind and `details`; a request that
 * never got an answer becomes a `NetworkError`.
 */

/** The body of an API error answer (`ApiErrorBody` in the OpenAPI documents). */
export interface ApiErrorBody {
  statusCode?: number;
  error?: string;
  message?: string | string[];
  details?: Record<string, unknown>;
  retryable?: boolean;
  correlationId?: string;
}

export class ModelstreamError extends Error {
  /** The HTTP status (0 when no answer came). */
  readonly status: number;
  /** The API's kind of error (`NotFoundError`, `InvalidInputError`, `Bad Request`, …) when it said one. */
  readonly code?: string;
  readonly details?: Record<string, unknown>;
  readonly body?: unknown;
  /** Whether sending the same request again later may succeed (503, 429, network). */
  readonly retryable: boolean;
  /** The server's Retry-After, in milliseconds, when it sent one. */
  readonly retryAfterMs?: number;
  readonly method?: string;
  readonly url?: string;

  constructor(
    message: string,
    init: {
      status: number;
      code?: string;
      details?: Record<string, unknown>;
      body?: unknown;
      retryable?: boolean;
      retryAfterMs?: number;
      method?: string;
      url?: string;
      cause?: unknown;
    },
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.body = init.body;
    this.retryable = init.retryable ?? false;
    this.retryAfterMs = init.retryAfterMs;
    this.method = init.method;
    this.url = init.url;
  }
}

/** 400: a wrong or missing field, a bad CSV, an unknown target column or model type, bad hyperparameters. */
export class BadRequestError extends ModelstreamError {}
/** 401: no API key, or one the server does not know. */
export class UnauthorizedError extends ModelstreamError {}
/** 403: the key lacks the scope, or the resource belongs to another owner. */
export class ForbiddenError extends ModelstreamError {}
/** 404: unknown trackingId, dataset, sweep, model, version or alias. */
export class NotFoundError extends ModelstreamError {}
/** 409: a state conflict (the job is already final, a dataset still has a running job, a chunk differs). */
export class ConflictError extends ModelstreamError {}
/** 413: the file or request is too large. */
export class PayloadTooLargeError extends ModelstreamError {}
/** 422: well-formed but unprocessable input. */
export class UnprocessableEntityError extends ModelstreamError {}
/** 429: too many requests; retry after `retryAfterMs`. */
export class TooManyRequestsError extends ModelstreamError {}
/** 503: a dependency of the service (Kafka, Redis, the object store, MLflow) is down; retry after `retryAfterMs`. */
export class ServiceUnavailableError extends ModelstreamError {}
/** Any other 5xx: a failure on the server's side (the message quotes a correlation id). */
export class ServerError extends ModelstreamError {}
/** No answer: connection refused or reset, DNS, timeout. */
export class NetworkError extends ModelstreamError {}

const BY_STATUS: Record<number, typeof ModelstreamError> = {
  400: BadRequestError,
  401: UnauthorizedError,
  403: ForbiddenError,
  404: NotFoundError,
  409: ConflictError,
  413: PayloadTooLargeError,
  422: UnprocessableEntityError,
  429: TooManyRequestsError,
  503: ServiceUnavailableError,
};

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The API's message as one line (validation errors come as a list of lines). */
export function messageOf(body: unknown, fallback: string): string {
  if (body && typeof body === 'object') {
    const message = (body as ApiErrorBody).message;
    if (Array.isArray(message) && message.length > 0) return message.join('; ');
    if (typeof message === 'string' && message !== '') return message;
  }
  if (typeof body === 'string' && body.trim() !== '') return body.trim().slice(0, 500);
  return fallback;
}

/** The typed error for an answer with a non-2xx status. */
export function errorFromResponse(
  status: number,
  body: unknown,
  init: { retryAfter?: string | null; method?: string; url?: string; statusText?: string } = {},
): ModelstreamError {
  const Kind = BY_STATUS[status] ?? (status >= 500 ? ServerError : ModelstreamError);
  const parsed = body && typeof body === 'object' ? (body as ApiErrorBody) : {};
  const where = init.method && init.url ? `${init.method} ${init.url}` : 'the request';
  return new Kind(messageOf(body, `${where} answered ${status}${init.statusText ? ` ${init.statusText}` : ''}`), {
    status,
    code: typeof parsed.error === 'string' ? parsed.error : undefined,
    details: parsed.details,
    body,
    retryable: status === 503 || status === 429 || parsed.retryable === true,
    retryAfterMs: parseRetryAfter(init.retryAfter),
    method: init.method,
    url: init.url,
  });
}

/** A fetch that threw (no answer) as a NetworkError; an abort stays what it is. */
export function networkError(cause: unknown, init: { method?: string; url?: string } = {}): ModelstreamError {
  if (cause instanceof ModelstreamError) return cause;
  const detail = describeCause(cause);
  const where = init.method && init.url ? `${init.method} ${init.url}` : 'the request';
  return new NetworkError(`${where} got no answer: ${detail}`, { status: 0, retryable: true, cause, ...init });
}

function describeCause(cause: unknown): string {
  const inner = (cause as { cause?: unknown })?.cause;
  const code = (inner as { code?: string })?.code ?? (cause as { code?: string })?.code;
  const message = inner instanceof Error ? inner.message : cause instanceof Error ? cause.message : String(cause);
  return code && !message.includes(code) ? `${code} ${message}` : message;
}

export const isAbort = (error: unknown): boolean =>
  error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError') && !(error instanceof ModelstreamError);
