/**
 * `@EventsController()`: a controller of Kafka event handlers. Nest's default RPC exception layer turns a
 * handler's error into a generic `{ status: 'error' }` object; this filter hands the error itself on, so
 * the KafkaEventTransport can tell a permanent failure (dead-letter now) from a transient one (retry) and
 * a shutdown (hand back). A method's own `@UseFilters()` runs before it.
 */
import { applyDecorators, Catch, Controller, RpcExceptionFilter, UseFilters } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';

@Catch()
export class PassErrorsToTransportFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}

export const EventsController = (): ClassDecorator => applyDecorators(Controller(), UseFilters(new PassErrorsToTransportFilter()));
