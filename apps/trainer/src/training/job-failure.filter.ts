/**
 * What a training job that throws becomes. A shutdown goes back to the transport (the request is handed
 * back uncommitted), and so does a dependency outage while tries are left (the transport retries it); an
 * outage on the last try, or any other error, fails the job with a TrainingFailed that says what to do —
 * the request is then done, and committed.
 */
import { ArgumentsHost, Catch, Injectable, Logger, RpcExceptionFilter } from '@nestjs/common';
import { from, map, Observable, throwError } from 'rxjs';
import { DependencyUnavailableError, ownerOf, TrainingRequestEvent } from '@modelstream/contracts';
import { errorMessage, KafkaEventContext } from '@modelstream/kafka';
import { TrainingEventsPublisher } from './training-events.publisher';

@Catch()
@Injectable()
export class JobFailureFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger(JobFailureFilter.name);

  constructor(private readonly events: TrainingEventsPublisher) {}

  catch(error: unknown, host: ArgumentsHost): Observable<void> {
    const rpc = host.switchToRpc();
    const context = rpc.getContext<KafkaEventContext>();
    const event = rpc.getData<TrainingRequestEvent>();
    if (context.shuttingDown()) return throwError(() => error);
    if (error instanceof DependencyUnavailableError && !context.isFinalAttempt()) return throwError(() => error);

    const reason =
      error instanceof DependencyUnavailableError
        ? `The training could not run because ${error.dependency} is unavailable (${error.message}). Start the training again once it is back.`
        : `Internal error: ${errorMessage(error)}. Retry the training; if it fails again, report it with the trackingId.`;
    this.logger.error({ trackingId: event.trackingId, err: error instanceof Error ? error.stack : String(error), msg: 'job failed' });
    return from(
      this.events.failed(
        { trackingId: event.trackingId, ownerId: ownerOf(event.ownerId) },
        { error: reason, stage: 'training', mlflowRunId: null },
      ),
    ).pipe(map(() => undefined));
  }
}
