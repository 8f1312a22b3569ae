/**
 * Outages in the middle of an upload. A broker restart: while Kafka is down the client gets a retryable 503 (never a
 * 500) and nothing acknowledged is lost; once it is back the same chunk goes through and the upload
 * completes, with every acknowledged chunk in the object store and on the topic. A Redis outage: uploads
 * and status reads answer a retryable 503 and resume when it is back.
 */
import { loadConfig } from '@modelstream/config';
import { SequenceClock, TOPICS, TrainingEvent } from '@modelstream/contracts';
import { EventCodec, EventPublisher, KafkaClient } from '@modelstream/kafka';
import { ObjectStore } from '@modelstream/storage';
import { RunningApp, startApp } from './support/app-process';
import { ChunkAnswerBody, getJson, postChunk, sha256Hex, splitIntoChunks } from './support/ingest-client';
import { makeCsv, uniqueFilename } from './support/ingest-csv';
import { TopicRecorder } from './support/ingest-events';
import { stackService } from './support/stack';

jest.setTimeout(420_000);

const config = loadConfig();
const store = new ObjectStore(config);
let app: RunningApp;
let recorder: TopicRecorder | undefined;

beforeAll(async () => {
  app = await startApp('ingest', 3342);
}, 180_000);

afterAll(async () => {
  if (process.env.INGEST_E2E_DEBUG) process.stdout.write(app?.output().slice(-6000) ?? '');
  stackService('up', 'kafka');
  stackService('up', 'redis');
  await Promise.allSettled([recorder?.stop(), app?.stop()]);
  store.onApplicationShutdown();
});

it('answers a retryable 503 while the broker is down and loses no acknowledged chunk', async () => {
  const file = makeCsv({ rows: 2000, target: 'float' });
  const chunks = splitIntoChunks(file, 4);
  const filename = uniqueFilename('broker-restart');
  const send = (index: number, trackingId?: string) =>
    postChunk(app.url, { filename, chunkIndex: index, totalChunks: 4, trackingId }, chunks[index]);

  const acknowledged: ChunkAnswerBody[] = [];
  const first = await send(0);
  expect(first.status).toBe(200);
  const trackingId = first.body.trackingId;
  acknowledged.push(first.body);
  const second = await send(1, trackingId);
  expect(second.status).toBe(200);
  acknowledged.push(second.body);

  stackService('down', 'kafka');
  const duringOutage = await send(2, trackingId);
  expect(duringOutage.status).toBe(503);
  expect(duringOutage.body).toMatchObject({ error: 'DependencyUnavailableError', retryable: true });
  expect(String(duringOutage.body.message)).toMatch(/Kafka did not acknowledge.*retry/i);
  expect(Number(duringOutage.headers.get('retry-after'))).toBeGreaterThan(0);
  // The status API still answers from Redis and shows exactly the acknowledged chunks.
  const status = await getJson(`${app.url}/api/model-train/status/${trackingId}`);
  expect(status.body).toMatchObject({ status: 'pending', receivedChunks: 2 });

  stackService('up', 'kafka');
  const codes: number[] = [];
  const deadline = Date.now() + 180_000;
  let third = await send(2, trackingId);
  while (third.status !== 200 && Date.now() < deadline) {
    codes.push(third.status);
    await new Promise((r) => setTimeout(r, 1000));
    third = await send(2, trackingId);
  }
  expect(third.status).toBe(200);
  expect(codes.every((c) => c === 503 || c === 409)).toBe(true); // 409: an earlier attempt still holding the upload
  expect(third.body.receivedChunks).toBe(3);
  const fourth = await send(3, trackingId);
  expect(fourth.status).toBe(200);
  expect(fourth.body.receivedChunks).toBe(4);

  recorder = new TopicRecorder([TOPICS.uploadChunks.name, TOPICS.trainingRequests.name]);
  await recorder.start();
  const events = await recorder.waitFor(trackingId, (es) => es.some((e) => e.event.type === 'TrainingRequested'), 120_000);
  await recorder.waitFor(
    trackingId,
    (es) => new Set(es.filter((e) => e.topic === TOPICS.uploadChunks.name).map((e) => e.event.sequence)).size === 4,
    60_000,
  );
  const uploads = recorder.of(trackingId, TOPICS.uploadChunks.name);
  expect([...new Set(uploads.map((e) => e.event.sequence))].sort()).toEqual([1, 2, 3, 4]);
  for (const [i, chunk] of chunks.entries()) {
    const key = `uploads/${trackingId}/chunk-${String(i).padStart(5, '0')}`;
    expect(sha256Hex(await store.getBuffer(config.S3_BUCKET_UPLOADS, key))).toBe(sha256Hex(chunk));
    expect(uploads.find((e) => e.event.sequence === i + 1)!.event.payload).toMatchObject({
      chunkIndex: i,
      sha256: sha256Hex(chunk),
      size: chunk.length,
    });
  }
  const request = events.find((e) => e.event.type === 'TrainingRequested')!;
  expect(request.event.payload).toMatchObject({ dataset: { size: file.length, sha256: sha256Hex(file) } });

  // The status projector (a consumer group inside the app) came back with the broker: an event published
  // by someone else now reaches the job's status.
  const kafka = new KafkaClient(config);
  try {
    await new EventPublisher(kafka, new EventCodec(config)).publish<TrainingEvent>(TOPICS.trainingEvents, {
      type: 'TrainingProgress',
      trackingId,
      ownerId: 'legacy',
      sequence: new SequenceClock().next(),
      payload: { stage: 'training', progress: 42, epoch: 1, epochs: 3, loss: 1, metrics: {} },
    });
  } finally {
    await kafka.onApplicationShutdown();
  }
  const deadline2 = Date.now() + 120_000;
  let view = (await getJson(`${app.url}/api/model-train/status/${trackingId}`)).body;
  while (view.progress !== 42 && Date.now() < deadline2) {
    await new Promise((r) => setTimeout(r, 500));
    view = (await getJson(`${app.url}/api/model-train/status/${trackingId}`)).body;
  }
  expect(view).toMatchObject({ status: 'running', progress: 42, stage: 'training' });
});

it('answers a retryable 503 for uploads and status reads while Redis is down, and carries on after', async () => {
  const file = makeCsv({ rows: 200 });
  const chunks = splitIntoChunks(file, 2);
  const filename = uniqueFilename('redis-outage');
  const first = await postChunk(app.url, { filename, chunkIndex: 0, totalChunks: 2 }, chunks[0]);
  expect(first.status).toBe(200);
  const trackingId = first.body.trackingId;
  stackService('down', 'redis');
  try {
    const chunk = await postChunk(app.url, { filename, chunkIndex: 1, totalChunks: 2, trackingId }, chunks[1]);
    expect(chunk.status).toBe(503);
    expect(chunk.body).toMatchObject({ error: 'DependencyUnavailableError', retryable: true });
    const status = await getJson(`${app.url}/api/model-train/status/${trackingId}`);
    expect(status.status).toBe(503);
    expect(status.body).toMatchObject({ retryable: true, details: { dependency: 'redis' } });
    expect((await getJson(`${app.url}/api/model-train/status`)).status).toBe(503);
  } finally {
    stackService('up', 'redis');
  }
  const deadline = Date.now() + 60_000;
  let retry = await postChunk(app.url, { filename, chunkIndex: 1, totalChunks: 2, trackingId }, chunks[1]);
  while (retry.status !== 200 && Date.now() < deadline) {
    expect(retry.status).toBe(503);
    await new Promise((r) => setTimeout(r, 1000));
    retry = await postChunk(app.url, { filename, chunkIndex: 1, totalChunks: 2, trackingId }, chunks[1]);
  }
  expect(retry.body).toMatchObject({ trackingId, receivedChunks: 2, status: 'pending' });
});
