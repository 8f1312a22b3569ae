/**
 * The topics of modelstream, with their partitions and retention. Keys are always the trackingId, so
 * one job's events on a topic stay in one partition, in order.
 */
export interface TopicSpec {
  name: string;
  /** File name (without .avsc) of the value schema under avro/, or null for raw bytes (dead letters). */
  schema: string | null;
  partitions: number;
  configs: Record<string, string>;
}

const KEEP_FOREVER = { 'cleanup.policy': 'delete', 'retention.ms': '-1', 'retention.bytes': '-1' };
const DAYS = (n: number) => String(n * 24 * 60 * 60 * 1000);

export const TOPICS = {
  uploadChunks: {
    name: 'modelstream.upload-chunks',
    schema: 'upload-chunks',
    partitions: 3,
    configs: { 'cleanup.policy': 'delete', 'retention.ms': DAYS(30) },
  },
  trainingRequests: { name: 'modelstream.training-requests', schema: 'training-requests', partitions: 3, configs: KEEP_FOREVER },
  trainingControl: {
    name: 'modelstream.training-control',
    schema: 'training-control',
    partitions: 1,
    configs: { 'cleanup.policy': 'delete', 'retention.ms': DAYS(7) },
  },
  trainingEvents: { name: 'modelstream.training-events', schema: 'training-events', partitions: 3, configs: KEEP_FOREVER },
  datasets: { name: 'modelstream.datasets', schema: 'datasets', partitions: 3, configs: KEEP_FOREVER },
  deadLetters: { name: 'modelstream.dead-letters', schema: null, partitions: 1, configs: KEEP_FOREVER },
  audit: { name: 'modelstream.audit', schema: 'audit', partitions: 1, configs: KEEP_FOREVER },
} as const satisfies Record<string, TopicSpec>;

export type TopicKey = keyof typeof TOPICS;

/** Subject of a topic's value schema under the topic-name strategy. */
export const valueSubject = (topic: string): string => `${topic}-value`;

/** Header names written on dead-lettered messages. */
export const DLQ_HEADERS = {
  topic: 'x-dlq-topic',
  partition: 'x-dlq-partition',
  offset: 'x-dlq-offset',
  group: 'x-dlq-consumer-group',
  error: 'x-dlq-error',
  attempts: 'x-dlq-attempts',
  failedAt: 'x-dlq-failed-at',
} as const;
