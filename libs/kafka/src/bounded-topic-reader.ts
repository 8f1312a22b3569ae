/**
 * Reads topics from their beginning up to the end offsets captured when the read starts, then stops: the
 * basis of the replay and of the dead-letter listing. It uses a fresh consumer group of its own, so live
 * consumer groups are never disturbed, and deletes that group when done. Topics and the group are logical
 * names (the KafkaClient applies the namespace); handlers and end offsets see logical topic names.
 */
import { Logger } from '@nestjs/common';
import { ConsumedMessage } from './consumed-message';
import { KafkaClient } from './kafka-client';

export interface BoundedMessage {
  topic: string;
  partition: number;
  message: ConsumedMessage;
}

export interface BoundedReadOptions {
  /** Logical topic names. */
  topics: string[];
  /** Logical id of the throwaway group. */
  groupId: string;
  /** Handles one message (when `handleBatch` is not given). */
  handle?: (m: BoundedMessage) => Promise<void>;
  /**
   * Handles the messages of one fetch of one partition at once (up to `batchSize`, in offset order, all below the
   * end captured at start); their offsets are resolved after it resolved.
   */
  handleBatch?: (messages: BoundedMessage[]) => Promise<void>;
  /** Most messages per `handleBatch` call (default 5,000). */
  batchSize?: number;
  /** Partitions handled at once (messages of one partition are always handled in order). */
  partitionsConsumedConcurrently?: number;
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
}

export interface BoundedReadResult {
  messages: number;
  /** Messages that existed when the read started (sum of high - low watermarks). */
  expected: number;
  endOffsets: Record<string, string>;
}

export async function readTopicsToEnd(kafka: KafkaClient, options: BoundedReadOptions): Promise<BoundedReadResult> {
  const logger = new Logger('BoundedTopicReader');
  const targets = new Map<string, bigint>();
  const endOffsets: Record<string, string> = {};
  let expected = 0;
  for (const topic of options.topics) {
    for (const p of await kafka.topicOffsets(topic)) {
      endOffsets[`${topic}:${p.partition}`] = p.high;
      const high = BigInt(p.high);
      const low = BigInt(p.low);
      if (high > low) {
        targets.set(`${topic}:${p.partition}`, high);
        expected += Number(high - low);
      }
    }
  }
  if (targets.size === 0) return { messages: 0, expected: 0, endOffsets };

  const consumer = kafka.newConsumer({
    groupId: options.groupId,
    sessionTimeout: 30_000,
    heartbeatInterval: 3000,
    maxBytesPerPartition: 4 << 20,
  });
  let count = 0;
  const every = options.progressEvery ?? 10_000;
  const pending = new Set(targets.keys());
  let finish!: () => void;
  let fail!: (error: unknown) => void;
  const finished = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });

  await consumer.connect();
  try {
    await consumer.subscribe({ topics: options.topics.map((t) => kafka.topicName(t)), fromBeginning: true });
    await consumer.run({
      autoCommit: true,
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        const topic = kafka.logicalName(batch.topic);
        const key = `${topic}:${batch.partition}`;
        const target = targets.get(key);
        if (target === undefined || !pending.has(key)) return;
        try {
          if (options.handleBatch) {
            const size = options.batchSize ?? 5000;
            const below = batch.messages.filter((m) => BigInt(m.offset) < target);
            for (let i = 0; i < below.length && isRunning() && !isStale(); i += size) {
              const slice = below.slice(i, i + size);
              await options.handleBatch(slice.map((message) => ({ topic, partition: batch.partition, message })));
              resolveOffset(slice.at(-1)!.offset);
              const before = count;
              count += slice.length;
              if (Math.floor(count / every) > Math.floor(before / every)) options.onProgress?.(count, expected);
              await heartbeat();
            }
            if (!isRunning() || isStale()) return;
          }
          for (const message of options.handleBatch ? [] : batch.messages) {
            if (!isRunning() || isStale()) return;
            const offset = BigInt(message.offset);
            if (offset >= target) break;
            await options.handle!({ topic, partition: batch.partition, message });
            resolveOffset(message.offset);
            count++;
            if (count % every === 0) options.onProgress?.(count, expected);
            if (offset + 1n >= target) break;
            if (count % 200 === 0) await heartbeat();
          }
          const last = BigInt(batch.lastOffset());
          if (last + 1n >= target && pending.delete(key)) {
            consumer.pause([{ topic: batch.topic, partitions: [batch.partition] }]);
            if (pending.size === 0) finish();
          }
        } catch (error) {
          fail(error);
          throw error;
        }
      },
    });
    await finished;
    options.onProgress?.(count, expected);
  } finally {
    await consumer.disconnect();
    try {
      await kafka.deleteGroups([options.groupId]);
    } catch (error) {
      logger.warn({ groupId: options.groupId, err: (error as Error).message, msg: 'could not delete the reader group' });
    }
  }
  return { messages: count, expected, endOffsets };
}
