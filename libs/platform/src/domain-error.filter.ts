/**
 * The one global exception filter: domain errors become their HTTP status with a message that says what
 * went wrong and what to do; anything unexpected becomes a 500 that shows only a correlation id (the log
 * line under that id has the rest).
 */
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DependencyUnavailableError, DomainError, TooManyRequestsError, UnauthorizedError } from '@modelstream/contracts';

@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    const correlationId = String(req.id ?? res.getHeader('x-request-id') ?? '');

    if (exception instanceof DomainError) {
      if (exception instanceof DependencyUnavailableError) {
        res.setHeader('Retry-After', String(exception.retryAfterSeconds));
        this.logger.warn({ correlationId, dependency: exception.dependency, detail: exception.detail, msg: exception.message });
      }
      if (exception instanceof TooManyRequestsError) res.setHeader('Retry-After', String(exception.retryAfterSeconds));
      if (exception instanceof UnauthorizedError) res.setHeader('WWW-Authenticate', 'Bearer');
      res.status(exception.status).json({
        statusCode: exception.status,
        error: exception.name,
        message: exception.message,
        ...(exception.details ? { details: exception.details } : {}),
        retryable: exception.status === 503 || exception.status === 429,
      });
      return;
    }
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      const payload = typeof body === 'string' ? { statusCode: exception.getStatus(), message: body } : body;
      res.status(exception.getStatus()).json(payload);
      return;
    }
    this.logger.error({ correlationId, err: exception, msg: 'unhandled error' });
    res.status(500).json({
      statusCode: 500,
      error: 'InternalServerError',
      message: `Something went wrong on our side. Quote correlation id ${correlationId} when reporting it.`,
      correlationId,
    });
  }
}
