/**
 * What a batch handler gets besides the decoded events (`@Ctx()`): the partition they came from (logical topic
 * name), the offsets of the batch, and the hooks of a long handler (`heartbeat()`, `shuttingDown()`).
 */
import { BaseRpcContext } from '@nestjs/microservices';

export interface KafkaEventBatchDelivery {
  group: string;
  topic: string;
  partition: number;
  firstOffset: string;
  lastOffset: string;
  heartbeat: () => Promise<void>;
  shuttingDown: () => boolean;
}

export class KafkaEventBatchContext extends BaseRpcContext<[KafkaEventBatchDelivery]> {
  readonly heartbeat: () => Promise<void>;
  readonly shuttingDown: () => boolean;

  constructor(delivery: KafkaEventBatchDelivery) {
    super([delivery]);
    this.heartbeat = delivery.heartbeat;
    this.shuttingDown = delivery.shuttingDown;
  }

  getGroup(): string {
    return this.args[0].group;
  }

  getTopic(): string {
    return this.args[0].topic;
  }

  getPartition(): number {
    return this.args[0].partition;
  }

  /** The first and last offsets of the batch (the messages between may include undecodable ones, not handed on). */
  getOffsets(): { first: string; last: string } {
    return { first: this.args[0].firstOffset, last: this.args[0].lastOffset };
  }

  /** The log fields of a handled batch: where it came from, how many events it held and how many changed something. */
  describe(events: number, applied: number): Record<string, string | number> {
    return { topic: this.getTopic(), partition: this.getPartition(), ...this.getOffsets(), events, applied };
  }
}
