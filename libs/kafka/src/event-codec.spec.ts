import { once } from 'node:events';
import { createServer, Server, Socket } from 'node:net';
import { SchemaType } from '@kafkajs/confluent-schema-registry';
import { schemaRegistryClient } from './event-codec';

describe('schemaRegistryClient', () => {
  let silent: Server;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    // A registry that takes every connection and never answers.
    silent = createServer((socket) => sockets.push(socket)).listen(0, '127.0.0.1');
    await once(silent, 'listening');
  });

  afterAll(async () => {
    sockets.forEach((s) => s.destroy());
    await new Promise((resolve) => silent.close(resolve));
  });

  it('fails a request the registry never answers, after its timeout, rather than waiting forever', async () => {
    const { port } = silent.address() as { port: number };
    const registry = schemaRegistryClient(`http://127.0.0.1:${port}`, 'codec-spec', 200);
    const schema = JSON.stringify({ type: 'record', name: 'Probe', fields: [{ name: 'a', type: 'int' }] });
    await expect(registry.register({ type: SchemaType.AVRO, schema }, { subject: 'probe-value' })).rejects.toThrow(/Timeout \(200ms\)/);
    expect(sockets.length).toBeGreaterThan(0); // it did reach the silent registry
  }, 30_000); // without a timeout the request would wait out this test's
});
