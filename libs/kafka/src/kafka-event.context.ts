/**
 * What a Kafka event handler gets besides the decoded event (`@Ctx()`): where the message came from (logical
 * names), its attempt, and the two hooks long handlers need — `heartbeat()` to stay in the group and
 * `shuttingDown()` to stop early and hand the message back. It fits the trainer's JobContext as it is.
 */
import { BaseRpcContext } from '@nestjs/microservices';
import { ConsumedMessage, MessageOrigin } from './consumed-message';

export interface KafkaEventDelivery extends MessageOrigin {
  message: ConsumedMessage;
  /** This try of the message, counting from 1 (durable attempts included). */
  attempt: number;
  /** A transient failure now would dead-letter the message instead of retrying it. */
  finalAttempt: boolean;
  heartbeat: () => Promise<void>;
  shuttingDown: () => boolean;
}

export class KafkaEventContext extends BaseRpcContext<[KafkaEventDelivery]> {
  readonly heartbeat: () => Promise<void>;
  readonly shuttingDown: () => boolean;

  constructor(delivery: KafkaEventDelivery) {
    super([delivery]);
    this.heartbeat = delivery.heartbeat;
    this.shuttingDown = delivery.shuttingDown;
  }

  private get delivery(): KafkaEventDelivery {
    return this.args[0];
  }

  getGroup(): string {
    return this.delivery.group;
  }

  getTopic(): string {
    return this.delivery.topic;
  }

  getPartition(): number {
    return this.delivery.partition;
  }

  getOffset(): string {
    return this.delivery.offset;
  }

  getMessage(): ConsumedMessage {
    return this.delivery.message;
  }

  getAttempt(): number {
    return this.delivery.attempt;
  }

  isFinalAttempt(): boolean {
    return this.delivery.finalAttempt;
  }
}
