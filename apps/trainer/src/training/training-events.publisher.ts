import { Injectable } from '@nestjs/common';
import {
  SequenceClock,
  TOPICS,
  TrainingCancelled,
  TrainingCompleted,
  TrainingEvent,
  TrainingFailed,
  TrainingProgress,
  TrainingStarted,
} from '@modelstream/contracts';
import { EventPublisher, NewEvent } from '@modelstream/kafka';
import type { JobRef } from './training-command';

/** Publishes a job's life to modelstream.training-events, each event naming the job's owner; resolves once Kafka acknowledged each event. */
@Injectable()
export class TrainingEventsPublisher {
  private readonly clock = new SequenceClock();

  constructor(private readonly publisher: EventPublisher) {}

  started(job: JobRef, payload: TrainingStarted) {
    return this.publish(job, { type: 'TrainingStarted', payload });
  }

  progress(job: JobRef, payload: TrainingProgress) {
    return this.publish(job, { type: 'TrainingProgress', payload });
  }

  completed(job: JobRef, payload: TrainingCompleted) {
    return this.publish(job, { type: 'TrainingCompleted', payload });
  }

  failed(job: JobRef, payload: TrainingFailed) {
    return this.publish(job, { type: 'TrainingFailed', payload });
  }

  cancelled(job: JobRef, payload: TrainingCancelled) {
    return this.publish(job, { type: 'TrainingCancelled', payload });
  }

  private async publish(job: JobRef, event: Pick<TrainingEvent, 'type' | 'payload'>): Promise<void> {
    await this.publisher.publish<TrainingEvent>(TOPICS.trainingEvents, {
      ...event,
      trackingId: job.trackingId,
      ownerId: job.ownerId,
      sequence: this.clock.next(),
    } as NewEvent<TrainingEvent>);
  }
}
