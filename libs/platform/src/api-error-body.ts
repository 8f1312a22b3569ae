/**
 * The body of every error answer, as the DomainErrorFilter writes it: a domain error (400/401/403/404/409/413/422/429/503)
 * carries `error` (its class name), a message that says what went wrong and what to do, `retryable`
 * (true only for 503 and 429, which also set Retry-After) and sometimes `details`; a request the ValidationPipe
 * refuses answers Nest's 400 (`error: "Bad Request"`, `message` one line per broken rule); an unexpected
 * failure answers 500 with only a `correlationId`. Document error responses with it:
 * `@ApiNotFoundResponse({ description: '…', type: ApiErrorBody })`, or several at once with
 * `@ApiErrorResponses({ 400: '…', 404: '…' })`.
 */
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

export class ApiErrorBody {
  @ApiProperty({ example: 404, description: 'The HTTP status, repeated' })
  statusCode!: number;

  @ApiProperty({
    example: 'NotFoundError',
    description: 'The kind of error: a domain error class name (NotFoundError, InvalidInputError, …) or the HTTP reason ("Bad Request")',
  })
  error!: string;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: 'No registered model is named "churn".',
    description: 'What went wrong and what to do; one string per broken rule when the request failed validation',
  })
  message!: string | string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'What the error is about (ids, names, limits)' })
  details?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Whether the same request may succeed later (true only for 503 and 429; see Retry-After)' })
  retryable?: boolean;

  @ApiPropertyOptional({ description: 'On a 500 only: quote it when reporting the error (the log line under it has the rest)' })
  correlationId?: string;
}

/** The error statuses the apps answer with an ApiErrorBody. */
export type ApiErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503;

/**
 * Documents error answers of an operation (or of every operation of a controller): each status with its
 * description and the ApiErrorBody schema.
 */
export function ApiErrorResponses(descriptions: Partial<Record<ApiErrorStatus, string>>): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...Object.entries(descriptions).map(([status, description]) =>
      ApiResponse({ status: Number(status), description, type: ApiErrorBody }),
    ),
  );
}
