/**
 * Reads modelstream.training-control in a consumer group of this instance alone (every instance must
 * see every cancel), from the beginning of the topic's retention, into the CancellationRegistry.
 */
import { Injectable, Logger } from '@nestjs/common';
import { Consumer } from 'kafkajs';
import { TOPICS, TrainingControlEvent } from '@modelstream/contracts';
import { errorMessage, EventCodec, KafkaClient } from '@modelstream/kafka';
import { TrainerInstance } from '../trainer-instance';
import { CancellationRegistry } from './cancellation.registry';

const CATCH_UP_TIMEOUT_MS = 20_000;

@Injectable()
export class TrainingControlConsumer {
  private readonly logger = new Logger(TrainingControlConsumer.name);
  private consumer?: Consumer;
  private readonly groupId: string;

  constructor(
    private readonly kafka: KafkaClient,
    private readonly codec: EventCodec,
    private readonly registry: CancellationRegistry,
    instance: TrainerInstance,
  ) {
    this.groupId = `modelstream-trainer-control-${instance.id}`;
  }

  /** Starts consuming and resolves once every cancel already on the topic has been read (or after a bound). */
  async start(): Promise<void> {
    const admin = await this.kafka.getAdmin();
    const ends = new Map((await admin.fetchTopicOffsets(TOPICS.trainingControl.name)).map((p) => [p.partition, BigInt(p.high)]));
    const consumed = new Map<number, bigint>();
    const caughtUp = () => [...ends].every(([p, high]) => high === 0n || (consumed.get(p) ?? -1n) + 1n >= high);
    const consumer = this.kafka.kafka.consumer({ groupId: this.groupId, sessionTimeout: 30_000, heartbeatInterval: 3000 });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topic: TOPICS.trainingControl.name, fromBeginning: true });
    await consumer.run({
      autoCommit: true,
      eachMessage: async ({ partition, message }) => {
        consumed.set(partition, BigInt(message.offset));
        if (!message.value) return;
        try {
          const event = await this.codec.decode<TrainingControlEvent>(message.value);
          switch (event.type) {
            case 'TrainingCancelRequested':
              this.registry.mark(event.trackingId, event.payload.reason);
              this.logger.log({ trackingId: event.trackingId, msg: 'cancel request noted' });
              break;
            default: {
              const never: never = event.type;
              this.logger.warn({ type: String(never), msg: 'unknown control event ignored' });
            }
          }
        } catch (error) {
          // Every instance reads this topic; the dead-lettering of bad control messages is left to none of them.
          this.logger.warn({ offset: message.offset, err: errorMessage(error), msg: 'undecodable control message skipped' });
        }
      },
    });
    const deadline = Date.now() + CATCH_UP_TIMEOUT_MS;
    while (!caughtUp() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (!caughtUp()) this.logger.warn({ msg: 'control topic not fully read at start; continuing' });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
    // The group belongs to this process alone: remove it so groups do not pile up.
    try {
      const admin = await this.kafka.getAdmin();
      await admin.deleteGroups([this.groupId]);
    } catch {
      /* best effort */
    }
  }
}
