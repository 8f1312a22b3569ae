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

/** Publishes a job's life to modelstream.training-events; resolves once Kafka acknowledged each event. */
@Injectable()
export class TrainingEventsPublisher {
  private readonly clock = new SequenceClock();

  constructor(private readonly publisher: EventPublisher) {}

  started(trackingId: string, payload: TrainingStarted) {
    return this.publish(trackingId, { type: 'TrainingStarted', payload });
  }

  progress(trackingId: string, payload: TrainingProgress) {
    return this.publish(trackingId, { type: 'TrainingProgress', payload });
  }

  completed(trackingId: string, payload: TrainingCompleted) {
    return this.publish(trackingId, { type: 'TrainingCompleted', payload });
  }

  failed(trackingId: string, payload: TrainingFailed) {
    return this.publish(trackingId, { type: 'TrainingFailed', payload });
  }

  cancelled(trackingId: string, payload: TrainingCancelled) {
    return this.publish(trackingId, { type: 'TrainingCancelled', payload });
  }

  private async publish(trackingId: string, event: Pick<TrainingEvent, 'type' | 'payload'>): Promise<void> {
    await this.publisher.publish<TrainingEvent>(TOPICS.trainingEvents, {
      ...event,
      trackingId,
      sequence: this.clock.next(),
    } as NewEvent<TrainingEvent>);
  }
}
