/**
 * The one global exception filter: domain errors become their HTTP status with a message that says what
 * went wrong and what to do; anything unexpected becomes a 500 that shows only a correlation id (the log
 * line under that id has the rest).
 */
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DependencyUnavailableError, DomainError, TooManyRequestsError, UnauthorizedError } from '@modelstream/contracts';

/** The reply of either platform: express's Response and fastify's FastifyReply both have these. */
interface Reply {
  status(code: number): Reply;
  header(name: string, value: string): Reply;
  send(body: unknown): unknown;
  getHeader(name: string): unknown;
}

@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Reply>();
    // the request's id, sent as x-request-id: fastify's own (genReqId), or the one pino-http gave on express
    const req = ctx.getRequest<{ id?: unknown }>();
    const correlationId = String(req.id ?? res.getHeader('x-request-id') ?? '');

    if (exception instanceof DomainError) {
      if (exception instanceof DependencyUnavailableError) {
        res.header('Retry-After', String(exception.retryAfterSeconds));
        this.logger.warn({ correlationId, dependency: exception.dependency, detail: exception.detail, msg: exception.message });
      }
      if (exception instanceof TooManyRequestsError) res.header('Retry-After', String(exception.retryAfterSeconds));
      if (exception instanceof UnauthorizedError) res.header('WWW-Authenticate', 'Bearer');
      res.status(exception.status).send({
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
      res.status(exception.getStatus()).send(payload);
      return;
    }
    this.logger.error({ correlationId, err: exception, msg: 'unhandled error' });
    res.status(500).send({
      statusCode: 500,
      error: 'InternalServerError',
      message: `Something went wrong on our side. Quote correlation id ${correlationId} when reporting it.`,
      correlationId,
    });
  }
}
