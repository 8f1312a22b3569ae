/**
 * Against the real broker and schema registry: topics with configs, an Avro event produced (acks=all)
 * and consumed in a consumer group, offsets committed, and the registry refusing a
 * schema change that breaks BACKWARD compatibility. (That schemas survive a registry restart is a fault suite:
 * test/schema-registry-restart.e2e-spec.ts, on the tests' private stack.)
 */
import { randomUUID } from 'node:crypto';
import { ConfigResourceTypes } from 'kafkajs';
import { findProjectRoot, loadConfig } from '@modelstream/config';
import { readTopicSchema, TopicSpec, TrainingEvent, valueSubject } from '@modelstream/contracts';
import { EventCodec } from './event-codec';
import { DeadLetterWriter } from './dead-letter.writer';
import { EventPublisher } from './event-publisher';
import { GroupConsumer } from './group-consumer';
import { KafkaClient } from './kafka-client';

jest.setTimeout(60_000);

describe('Kafka + schema registry (real services)', () => {
  const config = loadConfig();
  const kafka = new KafkaClient(config);
  const codec = new EventCodec(config);
  const publisher = new EventPublisher(kafka, codec);
  const run = randomUUID().slice(0, 8);
  const topic: TopicSpec = {
    name: `it.training-events.${run}`,
    schema: 'training-events',
    partitions: 2,
    configs: { 'retention.ms': '-1' },
  };

  afterAll(async () => {
    await kafka.deleteTopics([topic.name]).catch(() => undefined);
    await kafka.onApplicationShutdown();
  });

  it('creates a topic with its partitions and configs, idempotently, under the namespace', async () => {
    expect(await kafka.ensureTopics([topic])).toEqual([topic.name]);
    expect(await kafka.ensureTopics([topic])).toEqual([]);
    const admin = await kafka.getAdmin();
    const physical = kafka.topicName(topic.name);
    expect(physical).toBe(`${config.KAFKA_NAMESPACE}${topic.name}`);
    const names = await admin.listTopics();
    expect(names).toContain(physical);
    if (config.KAFKA_NAMESPACE) expect(names).not.toContain(topic.name);
    const [meta] = (await admin.fetchTopicMetadata({ topics: [physical] })).topics;
    expect(meta.partitions).toHaveLength(2);
    const described = await admin.describeConfigs({
      resources: [{ type: ConfigResourceTypes.TOPIC, name: physical, configNames: ['retention.ms'] }],
      includeSynonyms: false,
    });
    expect(described.resources[0].configEntries[0]).toMatchObject({ configName: 'retention.ms', configValue: '-1' });
  });

  it('produces an Avro event and consumes it in a consumer group, committing the offset', async () => {
    const trackingId = `it-${run}`;
    const { event } = await publisher.publish<TrainingEvent>(topic, {
      type: 'TrainingFailed',
      trackingId,
      ownerId: 'legacy',
      sequence: 7,
      payload: { error: 'target column has a single class', stage: 'preprocessing', mlflowRunId: null },
    });

    const groupId = `it-group-${run}`;
    const received: unknown[] = [];
    let done!: () => void;
    const consumed = new Promise<void>((resolve) => (done = resolve));
    const consumer = new GroupConsumer(kafka, codec, new DeadLetterWriter(kafka), {
      group: { name: 'it', groupId, topics: [topic] },
      groupId,
      dispatch: async (e, context) => {
        received.push({ ...e, key: context.getMessage().key?.toString(), topic: context.getTopic() });
        done();
      },
    });
    await consumer.start();
    await consumed;
    await consumer.stop(); // disconnect commits the resolved offset

    expect(received).toEqual([{ ...event, key: trackingId, topic: topic.name }]);
    const admin = await kafka.getAdmin();
    const offsets = await admin.fetchOffsets({ groupId: kafka.groupName(groupId), topics: [kafka.topicName(topic.name)] });
    const committed = offsets[0].partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
    expect(committed).toBe(1);
  });

  it('commits what a batch group handled on a clock while it runs, and the rest when it stops', async () => {
    const admin = await kafka.getAdmin();
    const physical = kafka.topicName(topic.name);
    const groupId = `it-batch-group-${run}`;
    const publishSome = (from: number, n: number) =>
      Promise.all(
        Array.from({ length: n }, (_, i) =>
          publisher.publish<TrainingEvent>(topic, {
            type: 'TrainingFailed',
            trackingId: `it-${run}-${from + i}`,
            ownerId: 'legacy',
            sequence: 1,
            payload: { error: 'target column has a single class', stage: 'preprocessing', mlflowRunId: null },
          }),
        ),
      );
    const end = async () => (await admin.fetchTopicOffsets(physical)).reduce((sum, p) => sum + Number(p.high), 0);
    const committed = async () =>
      (await admin.fetchOffsets({ groupId: kafka.groupName(groupId), topics: [physical] }))[0].partitions.reduce(
        (sum, p) => sum + Math.max(0, Number(p.offset)),
        0,
      );
    const until = async (check: () => Promise<boolean>) => {
      for (const deadline = Date.now() + 15_000; !(await check()) && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 100));
    };

    await publishSome(0, 20);
    let handled = 0;
    const consumer = new GroupConsumer(kafka, codec, new DeadLetterWriter(kafka), {
      group: { name: 'it-batches', groupId, topics: [topic] },
      groupId,
      dispatch: async () => undefined,
      batches: { dispatch: async (events) => void (handled += events.length), topics: new Set([topic.name]) },
    });
    await consumer.start();
    const total = await end();
    await until(async () => handled >= total);
    expect(handled).toBe(total);
    // still running, no new fetch needed: the clock commits everything handled
    await until(async () => (await committed()) === total);
    expect(await committed()).toBe(total);

    await publishSome(20, 5);
    await until(async () => handled >= total + 5);
    await consumer.stop();
    expect(await committed()).toBe(await end());
  });

  it('sets BACKWARD compatibility on the subject and rejects a breaking change', async () => {
    const subject = codec.subjectOf(topic);
    expect(subject).toBe(valueSubject(kafka.topicName(topic.name)));
    const res = await fetch(`${config.SCHEMA_REGISTRY_URL}/config/${subject}`);
    expect(((await res.json()) as { compatibilityLevel: string }).compatibilityLevel).toBe('BACKWARD');

    const schema = readTopicSchema(topic, findProjectRoot(__dirname)) as { fields: unknown[] };
    const breaking = { ...schema, fields: [...schema.fields, { name: 'mandatoryNewField', type: 'string' }] };
    const attempt = await fetch(`${config.SCHEMA_REGISTRY_URL}/subjects/${subject}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ schema: JSON.stringify(breaking) }),
    });
    expect(attempt.status).toBe(409);

    const compatible = { ...schema, fields: [...schema.fields, { name: 'optionalNewField', type: 'string', default: '' }] };
    const ok = await fetch(`${config.SCHEMA_REGISTRY_URL}/subjects/${subject}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ schema: JSON.stringify(compatible) }),
    });
    expect(ok.status).toBe(200);
  });

  it('registers a subject that another registration left without its compatibility (NONE), and sets it BACKWARD', async () => {
    const stranded: TopicSpec = { ...topic, name: `it.stranded.${run}` };
    const subject = codec.subjectOf(stranded);
    const schema = JSON.stringify(readTopicSchema(stranded, findProjectRoot(__dirname)));
    const headers = { 'content-type': 'application/vnd.schemaregistry.v1+json' };
    // What a registration that stopped between its schema and its config leaves: the schema, and no compatibility.
    const left = await fetch(`${config.SCHEMA_REGISTRY_URL}/subjects/${subject}/versions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ schema }),
    });
    expect(left.status).toBe(200);
    const level = async () =>
      ((await (await fetch(`${config.SCHEMA_REGISTRY_URL}/config/${subject}`)).json()) as { compatibilityLevel: string })
        .compatibilityLevel;
    expect(await level()).toBe('NONE');

    const { id } = (await left.json()) as { id: number };
    await expect(codec.schemaId(stranded)).resolves.toBe(id);
    expect(await level()).toBe('BACKWARD');
    await fetch(`${config.SCHEMA_REGISTRY_URL}/subjects/${subject}`, { method: 'DELETE' });
  });
});
