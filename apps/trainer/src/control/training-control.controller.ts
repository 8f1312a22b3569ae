/**
 * Reads modelstream.training-control in a consumer group of this instance alone (every instance must see
 * every cancel), from the beginning of the topic's retention, into the CancellationRegistry. The group
 * catches up with what the topic holds before the training group starts, so a cancel sent before a job
 * starts is known when it does.
 */
import { Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS, TrainingControlEvent } from '@modelstream/contracts';
import { ConsumerGroup, EventsController } from '@modelstream/kafka';
import { TrainerInstance } from '../trainer-instance';
import { CancellationRegistry } from './cancellation.registry';

export const TRAINING_CONTROL = new ConsumerGroup({
  name: 'trainer-control',
  groupId: (ref) => `modelstream-trainer-control-${ref.get(TrainerInstance, { strict: false }).id}`,
  topics: [TOPICS.trainingControl],
  perInstance: true,
  catchUpFirst: true,
});

type CancelRequested = Extract<TrainingControlEvent, { type: 'TrainingCancelRequested' }>;

@EventsController()
export class TrainingControlController {
  private readonly logger = new Logger(TrainingControlController.name);

  constructor(private readonly registry: CancellationRegistry) {}

  @EventPattern(TRAINING_CONTROL.events({ type: 'TrainingCancelRequested' }), TRAINING_CONTROL.extras)
  noteCancel(@Payload() event: CancelRequested): void {
    this.registry.mark(event.trackingId, event.payload.reason);
    this.logger.log({ trackingId: event.trackingId, msg: 'cancel request noted' });
  }
}
