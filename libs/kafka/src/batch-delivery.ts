/**
 * What happens to the messages of one fetch of one partition when the group has a batch handler for the topic:
 * decode them all, hand the decodable events (in offset order) to the batch handler at once, and let the batch be
 * committed once it resolved. An undecodable message is delivered alone (EventDelivery dead-letters it), the rest
 * of its batch goes on. A batch handler that fails — a permanent event inside, a store away, anything — is not
 * retried as a batch: every message of the batch is delivered again one by one through EventDelivery, so each gets
 * the single-event classification (dead-lettered at once, retried and counted, or handed back at shutdown). The
 * handlers are idempotent, so the events of a batch that was partly applied before it failed change nothing twice.
 */
import { Logger } from '@nestjs/common';
import { ConsumedMessage } from './consumed-message';
import { AnyEvent, EventCodec, UndecodableEventError } from './event-codec';
import { DeliveryHooks, EventDelivery } from './event-delivery';
import { KafkaEventBatchContext } from './kafka-event-batch.context';
import { errorMessage } from './kafka-client';

export type EventBatchDispatch = (events: AnyEvent[], context: KafkaEventBatchContext) => Promise<void>;

export interface InboundBatch {
  topic: string;
  partition: number;
  messages: ConsumedMessage[];
}

export class BatchDelivery {
  private readonly logger: Logger;

  constructor(
    private readonly codec: Pick<EventCodec, 'decode'>,
    private readonly single: Pick<EventDelivery, 'deliver'>,
    private readonly dispatch: EventBatchDispatch,
    private readonly group: string,
  ) {
    this.logger = new Logger(`BatchDelivery:${group}`);
  }

  /**
   * Resolves once every message of the batch may be committed; `handled(offset)` is told, in order, up to which
   * message that holds already (after the batch, or after each message when it goes one by one).
   */
  async deliver(batch: InboundBatch, hooks: DeliveryHooks, handled: (offset: string) => void): Promise<void> {
    const { topic, partition, messages } = batch;
    if (messages.length === 0) return;
    const undecodable: ConsumedMessage[] = [];
    try {
      const events: AnyEvent[] = [];
      for (const message of messages) {
        const event = await this.decode(message);
        if (event) events.push(event);
        else undecodable.push(message);
      }
      if (events.length > 0) {
        const context = new KafkaEventBatchContext({
          group: this.group,
          topic,
          partition,
          firstOffset: messages[0].offset,
          lastOffset: messages.at(-1)!.offset,
          ...hooks,
        });
        await this.dispatch(events, context);
      }
    } catch (error) {
      if (hooks.shuttingDown()) throw error; // handed back uncommitted
      this.logger.warn({
        topic,
        partition,
        firstOffset: messages[0].offset,
        messages: messages.length,
        err: errorMessage(error),
        msg: 'batch failed; handling its messages one by one',
      });
      return this.oneByOne(batch, messages, hooks, handled);
    }
    await this.oneByOne(batch, undecodable, hooks, () => undefined); // each is dead-lettered
    handled(messages.at(-1)!.offset);
  }

  private async oneByOne(batch: InboundBatch, messages: ConsumedMessage[], hooks: DeliveryHooks, handled: (offset: string) => void) {
    for (const message of messages) {
      await this.single.deliver({ topic: batch.topic, partition: batch.partition, message }, hooks);
      handled(message.offset);
    }
  }

  /** The event, or undefined for a message that can never be decoded; other failures (the registry away) are thrown. */
  private async decode(message: ConsumedMessage): Promise<AnyEvent | undefined> {
    try {
      if (!message.value) throw new UndecodableEventError('message has no value');
      return await this.codec.decode(message.value);
    } catch (error) {
      if (error instanceof UndecodableEventError) return undefined;
      throw error;
    }
  }
}
