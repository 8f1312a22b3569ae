/**
 * Domain errors: plain Error subclasses that carry what went wrong and what to do. One global HTTP filter
 * maps them to status codes; worker code throws them too and never sees HTTP types.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  constructor(
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The request is malformed or names something invalid (400). */
export class InvalidInputError extends DomainError {
  readonly status = 400;
}

/** The request carries no API key, or one that is not valid (401, with `WWW-Authenticate: Bearer`). */
export class UnauthorizedError extends DomainError {
  readonly status = 401;
}

/** The API key is valid but lacks the scope the request needs (403). */
export class ForbiddenError extends DomainError {
  readonly status = 403;
}

/** The thing asked for does not exist — or belongs to another owner (404). */
export class NotFoundError extends DomainError {
  readonly status = 404;
}

/** The request conflicts with the current state (409). */
export class ConflictError extends DomainError {
  readonly status = 409;
}

/** The payload is over a limit (413). */
export class PayloadTooLargeError extends DomainError {
  readonly status = 413;
}

/** The caller sent too much too fast (429, with Retry-After): wait that long, then send again. */
export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    details?: Record<string, unknown>,
  ) {
    super(message, details);
  }
}

/**
 * A dependency is down; the same request may succeed later (503, with Retry-After). `message` is for the user and
 * names no internal address or credential; `detail` (what the dependency said) goes only to the logs.
 */
export class DependencyUnavailableError extends DomainError {
  readonly status = 503;
  constructor(
    readonly dependency: string,
    message: string,
    readonly retryAfterSeconds = 5,
    readonly detail?: string,
  ) {
    super(message, { dependency });
  }
}
