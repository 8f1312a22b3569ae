import { Injectable } from '@nestjs/common';
import { AnyEvent } from '@modelstream/kafka';
import { HistoryEvent, reduceJob } from './job-history.reducer';
import { JobHistoryRepository } from './job-history.repository';

/**
 * Projects job events into the MariaDB history, idempotently (the live projector and the replay CLI both
 * call `apply`). Resolves true when the event changed the history, false when it had already been applied.
 */
@Injectable()
export class JobHistoryProjection {
  constructor(private readonly repository: JobHistoryRepository) {}

  apply(event: AnyEvent, topic: string): Promise<boolean> {
    const e = event as HistoryEvent;
    return this.repository.applyEvent(
      { trackingId: e.trackingId, topic, sequence: Number(e.sequence), eventId: e.eventId, at: new Date(Number(e.timestamp)) },
      (job) => reduceJob(job, e),
    );
  }
}
