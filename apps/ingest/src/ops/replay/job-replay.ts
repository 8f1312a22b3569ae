/**
 * Rebuilds the job projections (Redis status, MariaDB history), the dataset catalog (MariaDB datasets,
 * sweeps) and the audit trail from the beginning of the topics. It reads
 * with a fresh consumer group up to the end offsets captured at start, then stops, so it runs beside the
 * live apps without touching their groups. Both projections are idempotent: replaying into stores that
 * already hold the state changes nothing. A message no projection can ever apply (undecodable, or refused
 * for its content: the live consumers dead-letter it) is reported, skipped, and the replay goes on.
 *
 * Each fetch of a partition is applied as a batch (replay-batch.ts): one pipeline into Redis, one transaction into
 * MariaDB; the time each stage takes is summed in the result (`stages`).
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type Redis from 'ioredis';
import { BoundedMessage, errorMessage, EventCodec, KafkaClient, readTopicsToEnd } from '@modelstream/kafka';
import { retry } from '@modelstream/resilience';
import { TOPICS } from '@modelstream/contracts';
import { RedisKeys } from '@modelstream/storage';
import { AuditProjection } from '../../access/audit.projection';
import { CatalogProjection } from '../../datasets/catalog.projection';
import { CatalogRepository } from '../../datasets/catalog.repository';
import { JobStatusProjection } from '../../projections/status/job-status.projection';
import { HISTORY_TOPICS } from '../../projections/history/history-projector.controller';
import { JobHistoryProjection } from '../../projections/history/job-history.projection';
import { JobHistoryRepository } from '../../projections/history/job-history.repository';
import { replayBatch, ReplayProjection, ReplayStages } from './replay-batch';

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
  /** Only the jobs whose trackingId (the message key) starts with this; the others are read past. */
  trackingIdPrefix?: string;
  groupId?: string;
  /**
   * Partitions applied at once (default 2: one partition's fetch and fold overlap the other's store write; measured
   * faster into MariaDB on 2 cores). More, batches of different topics contend for the same jobs' rows and records
   * (lock waits, compare-and-set retries): measured no faster at 3, slower at 8.
   */
  partitionsConsumedConcurrently?: number;
  /** Most events applied as one batch (default 5,000; a fetch of a partition is cut into batches of this size). */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
}

/** A message the replay skipped because no projection can apply it. */
export interface SkippedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  reason: string;
}

export interface ReplayResult {
  /** Events decoded and handed to the projections (messages outside `trackingIdPrefix` not counted). */
  events: number;
  expected: number;
  appliedToRedis: number;
  appliedToMariadb: number;
  /** Messages that cannot be decoded: the live consumers dead-letter them. */
  undecodable: number;
  /** Events a projection refused for their content (e.g. a value MariaDB cannot store): dead-lettered live. */
  rejected: number;
  /** The undecodable and rejected messages (the first 1,000). */
  skipped: SkippedMessage[];
  seconds: number;
  /** Busy milliseconds per stage (decode, fold, store write, MariaDB commit), summed over the batches. */
  stages: ReplayStages;
  /** The consumer group used (deleted when done). */
  groupId: string;
}

const DEFAULT_REPLAY_CONCURRENCY = 2;

export const DEFAULT_REPLAY_SOURCES: ReplaySource[] = [...HISTORY_TOPICS, TOPICS.datasets, TOPICS.audit].map((t) => ({
  topic: t.name,
  as: t.name,
}));

/**
 * The datasets topic (datasets, sweeps) goes to the catalog in MariaDB, the audit topic to the audit trail in
 * MariaDB; every other topic to both job projections.
 */
const isCatalogTopic = (as: string) => as === TOPICS.datasets.name;
const isAuditTopic = (as: string) => as === TOPICS.audit.name;

export async function replayJobTopics(options: ReplayOptions): Promise<ReplayResult> {
  const repository = options.database ? new JobHistoryRepository(options.database) : undefined;
  try {
    return await replayInto(options, repository);
  } finally {
    await repository?.close(); // its batch writes' pool
  }
}

async function replayInto(options: ReplayOptions, repository: JobHistoryRepository | undefined): Promise<ReplayResult> {
  const sources = options.sources ?? DEFAULT_REPLAY_SOURCES;
  const status = options.redis ? new JobStatusProjection(options.redis.client, new RedisKeys(options.redis.prefix)) : undefined;
  const history = repository ? new JobHistoryProjection(repository) : undefined;
  const catalog = options.database ? new CatalogProjection(new CatalogRepository(options.database)) : undefined;
  const audit = options.database ? new AuditProjection(options.database) : undefined;
  const projectionsOf = (as: string): Array<ReplayProjection | undefined> =>
    isCatalogTopic(as) ? [undefined, catalog] : isAuditTopic(as) ? [undefined, audit] : [status, history];
  const groupId = options.groupId ?? `modelstream-replay-${Date.now()}-${randomUUID().slice(0, 8)}`;
  const result: ReplayResult = {
    events: 0,
    expected: 0,
    appliedToRedis: 0,
    appliedToMariadb: 0,
    undecodable: 0,
    rejected: 0,
    skipped: [],
    seconds: 0,
    stages: { decode: 0, fold: 0, write: 0, commit: 0 },
    groupId,
  };
  const started = performance.now();
  const skip = ({ topic, partition, message }: BoundedMessage, kind: 'undecodable' | 'rejected', error: unknown) => {
    const m = { topic, partition, offset: message.offset, key: message.key?.toString() ?? null };
    result[kind]++;
    const reason = errorMessage(error);
    if (result.skipped.length < 1000) result.skipped.push({ ...m, reason });
    process.stderr.write(
      `replay: skipped ${m.topic}/${m.partition}/${m.offset} (key ${m.key}), which no projection can apply: ${reason}\n`,
    );
  };

  // One pass over every topic at once: the fold gives the same state whatever the interleaving of a job's
  // topics, so all their partitions can be applied side by side (the live projectors do the same).
  const appliedAs = new Map(sources.map((s) => [s.topic, s.as]));
  const read = await retry(
    () => {
      // a re-read counts afresh
      Object.assign(result, { events: 0, appliedToRedis: 0, appliedToMariadb: 0, undecodable: 0, rejected: 0, skipped: [] });
      return readTopicsToEnd(options.kafka, {
        topics: sources.map((s) => s.topic),
        groupId,
        partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? DEFAULT_REPLAY_CONCURRENCY,
        onProgress: options.onProgress,
        progressEvery: options.progressEvery,
        batchSize: options.batchSize,
        handleBatch: async (messages) => {
          const prefix = options.trackingIdPrefix;
          const selected = prefix ? messages.filter((m) => m.message.key?.toString().startsWith(prefix)) : messages;
          if (selected.length === 0) return;
          const outcome = await replayBatch(
            { codec: options.codec, projectionsOf, appliedAs: (topic) => appliedAs.get(topic) ?? topic, skip, stages: result.stages },
            selected,
          );
          result.events += outcome.events;
          result.appliedToRedis += outcome.applied[0];
          result.appliedToMariadb += outcome.applied[1];
        },
      });
    },
    {
      // A broker restart during the read (KafkaJS errors) reads again: re-reading is harmless, both
      // projections being idempotent. Errors of the projections themselves are not retried.
      attempts: 5,
      initialDelayMs: 3000,
      retryIf: (error) => error instanceof Error && error.name.startsWith('KafkaJS'),
      onRetry: (error, attempt) =>
        void process.stderr.write(`replay: Kafka failed (${errorMessage(error)}); reading again (attempt ${attempt + 1}/5)\n`),
    },
  );
  result.expected = read.expected;
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
