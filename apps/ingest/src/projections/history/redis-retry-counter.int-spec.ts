/**
 * Durable retry counting, against the real Kafka and Redis: attempts recorded before a restart count
 * toward the bound, so a consumer that restarts does not retry a failing message forever; the message is
 * dead-lettered with the total attempts, and its count is cleared.
 */
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { loadConfig } from '@modelstream/config';
import { DLQ_HEADERS, TOPICS, TopicSpec, TrainingEvent } from '@modelstream/contracts';
import { EventCodec, EventConsumer, EventPublisher, KafkaClient, MessageMeta } from '@modelstream/kafka';
import { DeadLetterStore } from '../../ops/dead-letters/dead-letter.store';
import { RedisRetryCounter } from './redis-retry-counter';

jest.setTimeout(120_000);

const config = loadConfig();
const kafka = new KafkaClient(config);
const codec = new EventCodec(config);
const redis = new Redis(config.REDIS_URL);
const run = randomBytes(4).toString('hex');
const topic: TopicSpec = { name: `it-retry.training-events.${run}`, schema: 'training-events', partitions: 1, configs: {} };
const groupId = `it-retry-group-${run}`;
let consumer: EventConsumer | undefined;

afterAll(async () => {
  await consumer?.stop();
  const admin = await kafka.getAdmin();
  await admin.deleteTopics({ topics: [topic.name] }).catch(() => undefined);
  await admin.deleteGroups([groupId]).catch(() => undefined);
  await Promise.allSettled([kafka.onApplicationShutdown(), redis.quit()]);
});

it('continues the attempt count across restarts and dead-letters at the bound', async () => {
  // On a fresh broker the dead-letter topic exists only once an app has started: create it as the apps do.
  await kafka.ensureTopics([topic, TOPICS.deadLetters]);
  const { metadata } = await new EventPublisher(kafka, codec).publish<TrainingEvent>(topic, {
    type: 'TrainingFailed',
    trackingId: `it-retry-${run}`,
    sequence: 1,
    payload: { error: 'x', stage: 'training', mlflowRunId: null },
  });
  const counter = new RedisRetryCounter(redis, groupId, `it-retries-${run}:`);
  const meta = { topic: topic.name, partition: metadata.partition, offset: String(metadata.baseOffset) } as MessageMeta;
  // Two attempts failed before "the restart".
  await counter.increment(meta, new Error('database down'));
  expect(await counter.increment(meta, new Error('database down'))).toBe(2);
  expect(await redis.ttl(counter.key(meta))).toBeGreaterThan(0);

  let calls = 0;
  consumer = new EventConsumer(kafka, codec, {
    groupId,
    topics: [topic],
    maxAttempts: 3,
    retryDelayMs: 10,
    retryCounter: counter,
    handle: async () => {
      calls++;
      throw new Error('database still down');
    },
  });
  await consumer.start();

  const store = new DeadLetterStore(kafka);
  let letter: Awaited<ReturnType<DeadLetterStore['readAll']>>[number] | undefined;
  const deadline = Date.now() + 90_000;
  while (!letter && Date.now() < deadline) {
    letter = (await store.readAll()).find((l) => l.consumerGroup === groupId);
    if (!letter) await new Promise((r) => setTimeout(r, 1000));
  }
  expect(letter).toBeDefined();
  expect(calls).toBe(1);
  expect(letter!.headers[DLQ_HEADERS.attempts]).toBe('3');
  expect(letter!.origin).toEqual({ topic: topic.name, partition: metadata.partition, offset: String(metadata.baseOffset) });
  expect(letter!.error).toContain('database still down');
  expect(await counter.attempts(meta)).toBe(0);
});
