/**
 * Durable retry counting, against the real Kafka and Redis: attempts recorded before a restart count
 * toward the bound, so a consumer that restarts does not retry a failing message forever; the message is
 * dead-lettered with the total attempts, and its count is cleared.
 */
import { randomBytes } from 'node:crypto';
import { loadConfig } from '@modelstream/config';
import { DLQ_HEADERS, TOPICS, TopicSpec, TrainingEvent } from '@modelstream/contracts';
import { DeadLetterWriter, EventCodec, EventPublisher, GroupConsumer, KafkaClient, MessageOrigin } from '@modelstream/kafka';
import { RedisConnection, RedisKeys } from '@modelstream/storage';
import { DeadLetterStore } from '../../ops/dead-letters/dead-letter.store';
import { RedisRetryCounter } from './redis-retry-counter';

jest.setTimeout(120_000);

const config = loadConfig();
const kafka = new KafkaClient(config);
const codec = new EventCodec(config);
const redis = new RedisConnection(config);
const run = randomBytes(4).toString('hex');
const topic: TopicSpec = { name: `it-retry.training-events.${run}`, schema: 'training-events', partitions: 1, configs: {} };
const groupId = `it-retry-group-${run}`;
let consumer: GroupConsumer | undefined;

afterAll(async () => {
  await consumer?.stop();
  await kafka.deleteTopics([topic.name]).catch(() => undefined);
  await kafka.deleteGroups([groupId]).catch(() => undefined);
  await Promise.allSettled([kafka.onApplicationShutdown(), redis.onApplicationShutdown()]);
});

it('continues the attempt count across restarts and dead-letters at the bound', async () => {
  // On a fresh broker the dead-letter topic exists only once an app has started: create it as the apps do.
  await kafka.ensureTopics([topic, TOPICS.deadLetters]);
  const { metadata } = await new EventPublisher(kafka, codec).publish<TrainingEvent>(topic, {
    type: 'TrainingFailed',
    trackingId: `it-retry-${run}`,
    ownerId: 'legacy',
    sequence: 1,
    payload: { error: 'x', stage: 'training', mlflowRunId: null },
  });
  const counter = new RedisRetryCounter(redis, new RedisKeys(`it-retries-${run}:`));
  const origin: MessageOrigin = { group: groupId, topic: topic.name, partition: metadata.partition, offset: String(metadata.baseOffset) };
  // Two attempts failed before "the restart".
  await counter.increment(origin, new Error('database down'));
  expect(await counter.increment(origin, new Error('database down'))).toBe(2);
  expect(counter.key(origin)).toBe(`it-retries-${run}:retries:${groupId}:${topic.name}:${origin.partition}:${origin.offset}`);
  expect(await redis.client.ttl(counter.key(origin))).toBeGreaterThan(0);

  let calls = 0;
  consumer = new GroupConsumer(kafka, codec, new DeadLetterWriter(kafka), {
    group: { name: 'it-retry', groupId, topics: [topic], maxAttempts: 3, retryDelayMs: 10 },
    groupId,
    counter,
    dispatch: async () => {
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
  expect(await counter.attempts(origin)).toBe(0);
});
