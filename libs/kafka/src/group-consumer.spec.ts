/** GroupConsumer's KafkaJS glue over a fake client and consumer: joining, commits, shutdown, catching up. */
import { Logger } from '@nestjs/common';
import { TOPICS } from '@modelstream/contracts';
import { ConsumerGroupOptions, GATHERED_FETCH } from './consumer-group';
import type { DeadLetterWriter } from './dead-letter.writer';
import type { EventCodec } from './event-codec';
import type { EventDispatch } from './event-delivery';
import { GroupConsumer } from './group-consumer';
import type { KafkaClient } from './kafka-client';
import { aMessage, anEvent, FakeCodec, FakeDeadLetters, FakeKafkaClient } from './testing/kafka.fakes';

beforeAll(() => Logger.overrideLogger(false));

function groupOf(options: Partial<ConsumerGroupOptions>, dispatch: EventDispatch = async () => undefined) {
  const kafka = new FakeKafkaClient('test.');
  const deadLetters = new FakeDeadLetters();
  const group = { name: 'g', groupId: 'modelstream-trainer', topics: [TOPICS.trainingRequests], ...options };
  const consumer = new GroupConsumer(
    kafka as unknown as KafkaClient,
    new FakeCodec() as unknown as EventCodec,
    deadLetters as unknown as DeadLetterWriter,
    { group, groupId: 'modelstream-trainer', dispatch },
  );
  return { kafka, deadLetters, consumer, fake: () => kafka.consumers.at(-1)! };
}

const longRunning = { longRunning: { rebalanceTimeoutMs: 900_000 } };
const physical = `test.${TOPICS.trainingRequests.name}`;

describe('GroupConsumer', () => {
  it('keeps trying while Kafka is away, ensures its topics, then subscribes to their namespaced names', async () => {
    const { kafka, consumer, fake } = groupOf({});
    kafka.failures = 1;

    await consumer.start();

    expect(kafka.ensured).toEqual([[TOPICS.trainingRequests.name, TOPICS.deadLetters.name]]);
    expect(fake().subscribed).toEqual([physical]);
    expect(fake().config).toMatchObject({ groupId: 'modelstream-trainer', sessionTimeout: 30_000 });
    expect(fake().runConfig).toMatchObject({ autoCommit: true, partitionsConsumedConcurrently: 1 });
    await consumer.stop();
  });

  it('asks the broker to gather messages for a fetch only when the group says so', async () => {
    const gathered = groupOf({ fetch: GATHERED_FETCH });
    await gathered.consumer.start();
    expect(gathered.fake().config).toMatchObject({ minBytes: 4096, maxWaitTimeInMs: 250 });
    await gathered.consumer.stop();

    const plain = groupOf({});
    await plain.consumer.start();
    expect(plain.fake().config).not.toHaveProperty('minBytes');
    expect(plain.fake().config).not.toHaveProperty('maxWaitTimeInMs');
    await plain.consumer.stop();
  });

  it('takes the fetches of every partition of a batch group at once', async () => {
    const kafka = new FakeKafkaClient('test.');
    const topics = [TOPICS.trainingRequests, TOPICS.trainingControl];
    const consumer = new GroupConsumer(
      kafka as unknown as KafkaClient,
      new FakeCodec() as unknown as EventCodec,
      new FakeDeadLetters() as unknown as DeadLetterWriter,
      {
        group: { name: 'g', groupId: 'g', topics },
        groupId: 'g',
        dispatch: async () => undefined,
        batches: { dispatch: async () => undefined, topics: new Set(topics.map((t) => t.name)) },
      },
    );
    await consumer.start();
    const partitions = TOPICS.trainingRequests.partitions + TOPICS.trainingControl.partitions;
    expect(kafka.consumers.at(-1)!.runConfig).toMatchObject({ autoCommit: false, partitionsConsumedConcurrently: partitions });
    await consumer.stop();
  });

  it('hands a long-running handler the logical topic and commits the offset only after it finished', async () => {
    const seen: string[] = [];
    let release!: () => void;
    const { consumer, fake } = groupOf(longRunning, async (_e, context) => {
      seen.push(context.getTopic());
      await new Promise<void>((r) => (release = r));
    });
    await consumer.start();
    expect(fake().config).toMatchObject({ rebalanceTimeout: 900_000, maxBytesPerPartition: 64 * 1024 });
    expect(fake().runConfig).toMatchObject({ autoCommit: false, partitionsConsumedConcurrently: 1 });

    const message = aMessage(anEvent({ type: 'TrainingRequested' }));
    const handled = fake().deliver(physical, 1, message);
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual([TOPICS.trainingRequests.name]);
    expect(fake().commits).toEqual([]);
    release();
    await handled;

    expect(fake().commits).toEqual([{ topic: physical, partition: 1, offset: String(Number(message.offset) + 1) }]);
    await consumer.stop();
  });

  it('lets the handler heartbeat at most once a second', async () => {
    const { consumer, fake } = groupOf(longRunning, async (_e, context) => {
      for (let i = 0; i < 5; i++) await context.heartbeat();
    });
    await consumer.start();

    await fake().deliver(physical, 0, aMessage());

    expect(fake().heartbeats).toBe(1);
    await consumer.stop();
  });

  it('on shutdown hands the running message back: eachMessage rejects and nothing is committed', async () => {
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const { consumer, fake, deadLetters } = groupOf(longRunning, async (_e, context) => {
      started();
      while (!context.shuttingDown()) await new Promise((r) => setTimeout(r, 5));
      throw new Error('the trainer is shutting down');
    });
    await consumer.start();
    const kafkajs = fake();

    const handled = kafkajs.deliver(physical, 0, aMessage());
    await running;
    const stopped = consumer.stop();

    await expect(handled).rejects.toThrow('shutting down');
    await stopped;
    expect(kafkajs.commits).toEqual([]);
    expect(deadLetters.sent).toEqual([]);
    expect(kafkajs.disconnected).toBe(true);
    await expect(kafkajs.deliver(physical, 0, aMessage())).rejects.toThrow('stopping');
  });

  it('commits past a message it dead-lettered, so a poison message does not hold the partition', async () => {
    const { consumer, fake, deadLetters } = groupOf(longRunning);
    await consumer.start();

    const poison = aMessage('not avro');
    await fake().deliver(physical, 2, poison);

    expect(deadLetters.sent.map((l) => l.origin)).toEqual([
      { group: 'modelstream-trainer', topic: TOPICS.trainingRequests.name, partition: 2, offset: poison.offset },
    ]);
    expect(fake().commits).toEqual([{ topic: physical, partition: 2, offset: String(Number(poison.offset) + 1) }]);
    await consumer.stop();
  });

  it('deletes a per-instance group when it stops', async () => {
    const { kafka, consumer } = groupOf({ perInstance: true });
    await consumer.start();

    await consumer.stop();

    expect(kafka.deletedGroups).toEqual(['modelstream-trainer']);
  });

  it('resolves a catch-up-first start only once it read what its topics held', async () => {
    const { kafka, consumer, fake } = groupOf({ catchUpFirst: true, topics: [TOPICS.trainingControl] });
    kafka.ends.set(TOPICS.trainingControl.name, [{ partition: 0, low: '0', high: '2' }]);
    let started = false;
    const starting = consumer.start().then(() => (started = true));
    while (!fake()?.runConfig) await new Promise((r) => setTimeout(r, 5));
    const topic = `test.${TOPICS.trainingControl.name}`;

    await fake().deliver(topic, 0, { ...aMessage(), offset: '0' });
    await new Promise((r) => setTimeout(r, 250));
    expect(started).toBe(false);
    await fake().deliver(topic, 0, { ...aMessage(), offset: '1' });
    await starting;

    expect(started).toBe(true);
    await consumer.stop();
  });
});
