/**
 * The ingest bench's floors: the thinnest programs doing an upload chunk's work, run beside the app.
 *   sink   — node:http reading the request body and answering; what the client and loopback can move.
 *   store  — node:http + busboy (multer's parser) + the S3 client (one PutObject of the chunk) + the Kafka
 *            producer (one small message, acks=all, idempotent): the parts under the ingest app, nothing else.
 * Answers carry a Server-Timing header (receive, store, produce) like the app's.
 *
 *   npx tsx --tsconfig tsconfig.json bench/ingest/floor.ts <sink|store> <port> <bucket> <topic>
 */
import busboy from 'busboy';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '@modelstream/config';
import { TOPICS } from '@modelstream/contracts';
import { KafkaClient } from '@modelstream/kafka';
import { ObjectStore } from '@modelstream/storage';

const [mode, port, bucket, topic] = process.argv.slice(2);
const config = loadConfig();

async function main(): Promise<void> {
  const store = mode === 'store' ? new ObjectStore(config) : undefined;
  const kafka = mode === 'store' ? new KafkaClient(config) : undefined;
  if (store) await store.ensureBucket(bucket);
  if (kafka) await kafka.ensureTopics([{ ...TOPICS.uploadChunks, name: topic, schema: null }]); // configured like upload-chunks

  const server = createServer((req, res) => {
    const started = performance.now();
    if (mode === 'sink') {
      req.on('data', () => undefined);
      req.on('end', () => answer(res, { trackingId: 'sink' }, `receive;dur=${(performance.now() - started).toFixed(2)}`));
      return;
    }
    void storeChunk(req, store!, kafka!, started).then(
      ({ trackingId, timing }) => answer(res, { trackingId }, timing),
      (error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ message: String(error) }));
      },
    );
  });
  server.keepAliveTimeout = 60_000;
  server.listen(Number(port), '127.0.0.1', () => process.stdout.write(`floor ${mode} listening on ${port}\n`));
  process.on('SIGTERM', () => {
    server.close();
    void Promise.allSettled([kafka?.onApplicationShutdown()]).then(() => process.exit(0));
  });
}

function answer(res: ServerResponse, body: object, timing: string): void {
  res.writeHead(200, { 'content-type': 'application/json', 'server-timing': timing }).end(JSON.stringify(body));
}

/** Reads the multipart body (fields and the file), stores the file, then produces one event about it. */
async function storeChunk(req: IncomingMessage, store: ObjectStore, kafka: KafkaClient, started: number) {
  const fields = new Map<string, string>();
  const parts: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    const parser = busboy({ headers: req.headers });
    parser.on('field', (name, value) => fields.set(name, value));
    parser.on('file', (_name, stream) => stream.on('data', (b: Buffer) => parts.push(b)));
    parser.on('close', resolve);
    parser.on('error', reject);
    req.pipe(parser);
  });
  const received = performance.now();
  const bytes = Buffer.concat(parts);
  const trackingId = fields.get('trackingId') ?? randomUUID();
  const key = `floor/${trackingId}/${fields.get('chunkIndex')}`;
  await store.put(bucket, key, bytes, 'text/csv');
  const stored = performance.now();
  const event = JSON.stringify({ type: 'UploadChunkReceived', trackingId, objectKey: key, size: bytes.length, at: Date.now() });
  await kafka.send(topic, [{ key: trackingId, value: Buffer.from(event) }]);
  const produced = performance.now();
  const dur = (a: number, b: number) => (b - a).toFixed(2);
  return {
    trackingId,
    timing: `receive;dur=${dur(started, received)}, store;dur=${dur(received, stored)}, produce;dur=${dur(stored, produced)}`,
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`floor failed: ${String(error)}\n`);
  process.exit(1);
});
