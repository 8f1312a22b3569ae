/**
 * Follows topics in a throwaway consumer group of its own — from their beginning, or from their end when it
 * starts — and hands every message to `onMessage` with its logical topic name. For tests, benchmarks and
 * tools that watch what the apps publish without a KafkaJS object of their own; the group is deleted on stop.
 */
import { randomUUID } from 'node:crypto';
import type { Consumer } from 'kafkajs';
import { ConsumedMessage } from './consumed-message';
import { KafkaClient } from './kafka-client';

export interface FollowedMessage {
  topic: string;
  partition: number;
  message: ConsumedMessage;
}

export interface TopicFollowerOptions {
  /** Logical topic names. */
  topics: string[];
  from: 'beginning' | 'end';
  onMessage: (m: FollowedMessage) => Promise<void> | void;
  /** Logical group id (default: `topic-follower-<uuid>`). */
  groupId?: string;
}

export class TopicFollower {
  private consumer?: Consumer;
  readonly groupId: string;
  /** Consumer crashes seen (KafkaJS restarts the consumer after one), for a test's failure message. */
  readonly crashes: string[] = [];

  constructor(
    private readonly kafka: KafkaClient,
    private readonly options: TopicFollowerOptions,
  ) {
    this.groupId = options.groupId ?? `topic-follower-${randomUUID()}`;
  }

  /** Resolves once the group has joined: from then on nothing published is missed. */
  async start(): Promise<void> {
    const { topics, from, onMessage } = this.options;
    const ends = from === 'end' ? await Promise.all(topics.map(async (t) => ({ t, offsets: await this.kafka.topicOffsets(t) }))) : [];
    const consumer = this.kafka.newConsumer({ groupId: this.groupId, sessionTimeout: 30_000, retry: { retries: 20, maxRetryTime: 3000 } });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: topics.map((t) => this.kafka.topicName(t)), fromBeginning: from === 'beginning' });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    consumer.on(consumer.events.CRASH, ({ payload }) => this.crashes.push(`${payload.error.name}: ${payload.error.message}`));
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => onMessage({ topic: this.kafka.logicalName(topic), partition, message }),
    });
    for (const { t, offsets } of ends) {
      for (const p of offsets) consumer.seek({ topic: this.kafka.topicName(t), partition: p.partition, offset: p.high });
    }
    await joined;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
    await this.kafka.deleteGroups([this.groupId]).catch(() => undefined);
  }
}
