/**
 * Rebuilds the job projections (Redis status, MariaDB history) from the beginning of the topics. It reads
 * with a fresh consumer group up to the end offsets captured at start, then stops, so it runs beside the
 * live apps without touching their groups. Both projections are idempotent: replaying into stores that
 * already hold the state changes nothing.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type Redis from 'ioredis';
import { errorMessage, EventCodec, KafkaClient, PermanentEventError, readTopicsToEnd, UndecodableEventError } from '@modelstream/kafka';
import { JobStatusProjection } from '../../projections/status/job-status.projection';
import { HISTORY_TOPICS } from '../../projections/history/history-projector.controller';
import { JobHistoryProjection } from '../../projections/history/job-history.projection';
import { JobHistoryRepository } from '../../projections/history/job-history.repository';

export interface ReplaySource {
  /** The topic read. */
  topic: string;
  /** The topic name the projections record the event under (differs only for benches reading copies). */
  as: string;
}

export interface ReplayOptions {
  kafka: KafkaClient;
  codec: EventCodec;
  /** Rebuild the Redis status under this prefix; omit to skip Redis. */
  redis?: { client: Redis; prefix: string };
  /** Rebuild the MariaDB history in this (open, migrated) database; omit to skip MariaDB. */
  database?: DataSource;
  sources?: ReplaySource[];
  groupId?: string;
  partitionsConsumedConcurrently?: number;
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
}

export interface ReplayResult {
  events: number;
  expected: number;
  appliedToRedis: number;
  appliedToMariadb: number;
  /** Messages no projection can apply (undecodable, unknown type): the live consumers dead-letter them. */
  undecodable: number;
  seconds: number;
  /** Prefix of the consumer groups used (one per topic pass, deleted when done). */
  groupId: string;
}

export const DEFAULT_REPLAY_SOURCES: ReplaySource[] = HISTORY_TOPICS.map((t) => ({ topic: t.name, as: t.name }));

export async function replayJobTopics(options: ReplayOptions): Promise<ReplayResult> {
  const sources = options.sources ?? DEFAULT_REPLAY_SOURCES;
  const status = options.redis ? new JobStatusProjection(options.redis.client, options.redis.prefix) : undefined;
  const history = options.database ? new JobHistoryProjection(new JobHistoryRepository(options.database)) : undefined;
  const groupId = options.groupId ?? `modelstream-replay-${Date.now()}-${randomUUID().slice(0, 8)}`;
  const result: ReplayResult = { events: 0, expected: 0, appliedToRedis: 0, appliedToMariadb: 0, undecodable: 0, seconds: 0, groupId };
  const started = performance.now();

  // One pass per topic, in the order a job's events are produced (uploads, request, control, training), so
  // that each job's events are applied in the order the producers wrote them, as the live projectors saw them.
  let messages = 0;
  for (const [index, source] of sources.entries()) {
    const read = await withKafkaRetries(() =>
      readTopicsToEnd(options.kafka, {
        topics: [source.topic],
        groupId: `${groupId}-${index}`,
        partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 3,
        onProgress: options.onProgress && ((done, total) => options.onProgress!(messages + done, result.expected + total)),
        progressEvery: options.progressEvery,
        handle: async ({ topic, partition, message }) => {
          try {
            if (!message.value) throw new UndecodableEventError('message has no value');
            const event = await options.codec.decode(message.value);
            const [r, m] = await Promise.all([status?.apply(event, source.as), history?.apply(event, source.as)]);
            if (r) result.appliedToRedis++;
            if (m) result.appliedToMariadb++;
          } catch (error) {
            if (!(error instanceof UndecodableEventError || error instanceof PermanentEventError)) throw error;
            // The live consumers dead-letter such a message; a rebuild skips it the same way.
            result.undecodable++;
            process.stderr.write(
              `replay: skipped ${topic}/${partition}/${message.offset}, which no projection can apply: ${errorMessage(error)}\n`,
            );
          }
        },
      }),
    );
    messages += read.messages;
    result.expected += read.expected;
  }
  result.events = messages - result.undecodable;
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

/**
 * A broker restart during a pass (KafkaJS errors) re-runs the pass: re-reading is harmless, both projections
 * being idempotent. Errors of the projections themselves are not retried.
 */
async function withKafkaRetries<T>(pass: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await pass();
    } catch (error) {
      const kafkaError = error instanceof Error && error.name.startsWith('KafkaJS');
      if (!kafkaError || attempt >= attempts) throw error;
      process.stderr.write(`replay: Kafka failed (${errorMessage(error)}); re-reading the topic (attempt ${attempt + 1}/${attempts})\n`);
      await new Promise((r) => setTimeout(r, 3000 * attempt));
    }
  }
}
