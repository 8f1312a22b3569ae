/**
 * The schema registry keeps its schemas across a restart (persistent storage, not in-memory): an id an
 * event was written with still resolves afterwards. A fault suite: it runs on the tests' private stack.
 */
import { randomUUID } from 'node:crypto';
import { loadConfig } from '@modelstream/config';
import { TopicSpec } from '@modelstream/contracts';
import { EventCodec, KafkaClient } from '@modelstream/kafka';
import { eventually, stackService } from './support/stack';

jest.setTimeout(240_000);

describe('schema registry across a restart', () => {
  const config = loadConfig();
  const kafka = new KafkaClient(config);
  const codec = new EventCodec(config);
  const topic: TopicSpec = {
    name: `it.registry-restart.${randomUUID().slice(0, 8)}`,
    schema: 'training-events',
    partitions: 1,
    configs: {},
  };

  afterAll(async () => {
    stackService('up', 'schema-registry'); // always, even when the test failed half-way
    await kafka.onApplicationShutdown();
  });

  it('keeps schema ids across a registry restart', async () => {
    const id = await codec.schemaId(topic);
    stackService('down', 'schema-registry');
    stackService('up', 'schema-registry');
    // A pooled keep-alive socket from before the restart may fail once: ask until the registry answers.
    let schema = '';
    const answered = await eventually(async () => {
      const res = await fetch(`${config.SCHEMA_REGISTRY_URL}/schemas/ids/${id}`);
      if (res.status !== 200) return false;
      schema = ((await res.json()) as { schema: string }).schema;
      return true;
    }, 30_000);
    expect(answered).toBe(true);
    expect(JSON.parse(schema)).toMatchObject({ name: 'TrainingEvent', namespace: 'io.modelstream.events' });
  });
});
