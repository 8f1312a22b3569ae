/**
 * The ingest app end to end, as a frontend and a downstream consumer see it: chunks over HTTP against the
 * built app, events read back from Kafka with the schema registry, objects read back from the store.
 */
import { loadConfig } from '@modelstream/config';
import { SequenceClock, TOPICS, TrainingEvent, UPLOAD_LIMITS } from '@modelstream/contracts';
import { EventCodec, EventPublisher, KafkaClient } from '@modelstream/kafka';
import { ObjectStore } from '@modelstream/storage';
import { RunningApp, startApp } from './support/app-process';
import { chunksOf, getJson, postChunk, sha256Hex, splitIntoChunks, uploadFile } from './support/ingest-client';
import { makeCsv, uniqueFilename } from './support/ingest-csv';
import { TopicRecorder } from './support/ingest-events';

jest.setTimeout(240_000);

const config = loadConfig();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let app: RunningApp;
let recorder: TopicRecorder;
const store = new ObjectStore(config);
const kafka = new KafkaClient(config);
const publisher = new EventPublisher(kafka, new EventCodec(config));

beforeAll(async () => {
  recorder = new TopicRecorder([TOPICS.uploadChunks.name, TOPICS.trainingRequests.name]);
  [app] = await Promise.all([startApp('ingest', 3341), recorder.start()]);
}, 180_000);

afterAll(async () => {
  await Promise.allSettled([recorder?.stop(), app?.stop(), kafka.onApplicationShutdown()]);
  store.onApplicationShutdown();
});

const url = () => app.url;
const messageOf = (body: { message?: string | string[] }) => [body.message ?? ''].flat().join(' ');

/** Starts an upload with its first chunk and returns the trackingId. */
async function start(
  file: Buffer,
  totalChunks: number,
  extra: Record<string, string> = {},
  filename = uniqueFilename('start'),
): Promise<{ trackingId: string; filename: string }> {
  const res = await postChunk(url(), { filename, chunkIndex: 0, totalChunks, ...extra }, file);
  expect(res.status).toBe(200);
  return { trackingId: res.body.trackingId, filename };
}

describe('a multi-chunk upload', () => {
  it('stores every chunk, publishes one Avro event per chunk and a training request, field by field', async () => {
    // Bytes of this run only: a dataset is one per content, and an earlier upload of the same bytes would own the objects.
    const file = makeCsv({ rows: 400, target: 'label', seed: Date.now() % 100_000 });
    const chunks = splitIntoChunks(file, 3);
    const filename = uniqueFilename('iris like');
    const before = Date.now();
    const answers = await uploadFile(url(), file, chunks, {
      filename,
      target: 'y',
      modelType: 'mlp_classifier',
      params: JSON.stringify({ epochs: 5, hiddenLayers: [8] }),
      modelName: 'e2e-mlp',
    });
    const trackingId = answers[0].trackingId;
    expect(trackingId).toMatch(UUID);
    const datasetId = answers[2].datasetId;
    expect(datasetId).toMatch(/^ds-[0-9a-f]{24}$/);
    answers.forEach((a, i) =>
      expect(a).toEqual({
        trackingId,
        chunkIndex: i,
        receivedChunks: i + 1,
        totalChunks: 3,
        status: 'pending',
        ...(i === 2 ? { datasetId } : {}),
      }),
    );

    const events = await recorder.waitFor(trackingId, (es) => es.length >= 4);
    const uploads = events.filter((e) => e.topic === TOPICS.uploadChunks.name);
    expect(uploads).toHaveLength(3);
    for (const [i, { key, headers, event }] of uploads.entries()) {
      expect(key).toBe(trackingId);
      expect(headers['event-type']).toBe('UploadChunkReceived');
      expect(event.eventId).toMatch(UUID);
      expect(headers['event-id']).toBe(event.eventId);
      expect(event.trackingId).toBe(trackingId);
      expect(event.sequence).toBe(i + 1);
      expect(event.timestamp).toBeGreaterThanOrEqual(before - 1000);
      expect(event.timestamp).toBeLessThanOrEqual(Date.now());
      expect(event.producer).toBe(config.KAFKA_CLIENT_ID);
      expect(event.type).toBe('UploadChunkReceived');
      const objectKey = `uploads/${trackingId}/chunk-${String(i).padStart(5, '0')}`;
      expect(event.payload).toEqual({
        filename,
        chunkIndex: i,
        totalChunks: 3,
        bucket: config.S3_BUCKET_UPLOADS,
        objectKey,
        size: chunks[i].length,
        sha256: sha256Hex(chunks[i]),
      });
      expect((await store.getBuffer(config.S3_BUCKET_UPLOADS, objectKey)).equals(chunks[i])).toBe(true);
    }

    const [request] = events.filter((e) => e.topic === TOPICS.trainingRequests.name);
    expect(request.key).toBe(trackingId);
    expect(request.event).toMatchObject({ trackingId, sequence: 1, type: 'TrainingRequested', producer: config.KAFKA_CLIENT_ID });
    expect(request.event.eventId).toMatch(UUID);
    const payload = request.event.payload as Record<string, unknown> & { paramsJson: string };
    expect({ ...payload, paramsJson: JSON.parse(payload.paramsJson) as unknown }).toEqual({
      filename,
      modelName: 'e2e-mlp',
      modelType: 'mlp_classifier',
      problemType: 'classification',
      target: 'y',
      paramsJson: {
        epochs: 5,
        learningRate: 0.01,
        batchSize: 128,
        validationSplit: 0.2,
        seed: 42,
        earlyStoppingPatience: 0,
        hiddenLayers: [8],
        activation: 'relu',
        dropout: 0,
        l2: 0,
      },
      dataset: {
        bucket: config.S3_BUCKET_UPLOADS,
        objectKeys: [0, 1, 2].map((i) => `uploads/${trackingId}/chunk-${String(i).padStart(5, '0')}`),
        size: file.length,
        sha256: sha256Hex(file),
        columns: ['x1', 'x2', 'x3', 'colour', 'y'],
        datasetId,
      },
      sweepId: null,
    });

    const status = await getJson(`${url()}/api/model-train/status/${trackingId}`);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({
      trackingId,
      status: 'pending',
      progress: 0,
      result: null,
      error: null,
      modelId: null,
      receivedChunks: 3,
      totalChunks: 3,
    });
    const list = await getJson<{ items: { trackingId: string; status: string }[] }>(
      `${url()}/api/model-train/status?status=pending&limit=500`,
    );
    expect(list.body.items.find((j) => j.trackingId === trackingId)).toMatchObject({ status: 'pending' });
  });

  it('defaults: target = last column, model type from the target values, model name from the filename', async () => {
    const regression = makeCsv({ rows: 200, target: 'float' });
    const reg = await start(regression, 1, {}, uniqueFilename('House Prices (v2)'));
    const classification = makeCsv({ rows: 200, target: 'label' });
    const cls = await start(classification, 1);
    const [r] = (await recorder.waitFor(reg.trackingId, (es) => es.some((e) => e.event.type === 'TrainingRequested'))).filter(
      (e) => e.event.type === 'TrainingRequested',
    );
    const [c] = (await recorder.waitFor(cls.trackingId, (es) => es.some((e) => e.event.type === 'TrainingRequested'))).filter(
      (e) => e.event.type === 'TrainingRequested',
    );
    expect(r.event.payload).toMatchObject({
      target: 'y',
      modelType: 'linear_regression',
      problemType: 'regression',
      modelName: reg.filename
        .replace(/\.csv$/, '')
        .replace(/[ ()]+/g, '-')
        .replace(/-+$/, ''),
    });
    expect(c.event.payload).toMatchObject({ target: 'y', modelType: 'logistic_regression', problemType: 'classification' });
  });
});

describe('retries', () => {
  it('answers a repeated chunk with the same bytes as before, without a second event', async () => {
    const file = makeCsv({ rows: 100 });
    const [c0, c1] = splitIntoChunks(file, 2);
    const { trackingId, filename } = await start(c0, 2);
    const again = await postChunk(url(), { filename, chunkIndex: 0, totalChunks: 2, trackingId }, c0);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ trackingId, chunkIndex: 0, receivedChunks: 1, totalChunks: 2, status: 'pending' });
    expect((await postChunk(url(), { filename, chunkIndex: 1, totalChunks: 2, trackingId }, c1)).status).toBe(200);
    const last = await postChunk(url(), { filename, chunkIndex: 1, totalChunks: 2, trackingId }, c1);
    expect(last.body).toEqual({
      trackingId,
      chunkIndex: 1,
      receivedChunks: 2,
      totalChunks: 2,
      status: 'pending',
      datasetId: expect.stringMatching(/^ds-/),
    });

    const events = await recorder.waitFor(trackingId, (es) => es.some((e) => e.event.type === 'TrainingRequested'));
    // Same key → same partition, in order: once chunk 1's event is here, any duplicate of chunk 0 would be too.
    await recorder.waitFor(trackingId, (es) => es.some((e) => e.event.sequence === 2 && e.topic === TOPICS.uploadChunks.name));
    await new Promise((r) => setTimeout(r, 1000));
    const uploads = recorder.of(trackingId, TOPICS.uploadChunks.name);
    expect(uploads.map((e) => e.event.sequence)).toEqual([1, 2]);
    expect(events.filter((e) => e.event.type === 'TrainingRequested')).toHaveLength(1);
  });
});

describe('bad input gets a clear 4xx and changes nothing', () => {
  const csv = makeCsv({ rows: 50 });

  it.each([
    ['no filename', { chunkIndex: 0, totalChunks: 1 }, csv, 400, /filename is required/],
    ['an empty filename', { filename: '', chunkIndex: 0, totalChunks: 1 }, csv, 400, /filename is required/],
    ['no file part', { filename: 'a.csv', chunkIndex: 0, totalChunks: 1 }, null, 400, /file part is missing/],
    ['an empty file part', { filename: 'a.csv', chunkIndex: 0, totalChunks: 1 }, Buffer.alloc(0), 400, /empty/],
    ['a non-CSV filename', { filename: 'report.xlsx', chunkIndex: 0, totalChunks: 1 }, csv, 400, /not a CSV file name/],
    [
      'binary content',
      { filename: 'a.csv', chunkIndex: 0, totalChunks: 1 },
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x0a]),
      400,
      /binary data/,
    ],
    [
      'a chunkIndex that is not a number',
      { filename: 'a.csv', chunkIndex: 'first', totalChunks: 1 },
      csv,
      400,
      /chunkIndex must be a whole number/,
    ],
    ['a chunkIndex beyond totalChunks', { filename: 'a.csv', chunkIndex: 3, totalChunks: 2, trackingId: 'x' }, csv, 400, /out of range/],
    ['a later chunk without trackingId', { filename: 'a.csv', chunkIndex: 1, totalChunks: 2 }, csv, 400, /trackingId is missing/],
    [
      'an unknown model type',
      { filename: 'a.csv', chunkIndex: 0, totalChunks: 2, modelType: 'random_forest' },
      csv,
      400,
      /Unknown modelType "random_forest"/,
    ],
    [
      'params that are not JSON',
      { filename: 'a.csv', chunkIndex: 0, totalChunks: 2, params: '{epochs: 3' },
      csv,
      400,
      /params is not valid JSON/,
    ],
    [
      'params that are not an object',
      { filename: 'a.csv', chunkIndex: 0, totalChunks: 2, params: '[1,2]' },
      csv,
      400,
      /params must be a JSON object/,
    ],
    [
      'a hyperparameter out of range',
      { filename: 'a.csv', chunkIndex: 0, totalChunks: 2, modelType: 'logistic_regression', params: '{"epochs": 0}' },
      csv,
      400,
      /epochs must be between 1 and 1000/,
    ],
    [
      'an unknown hyperparameter',
      { filename: 'a.csv', chunkIndex: 0, totalChunks: 2, modelType: 'linear_regression', params: '{"depth": 3}' },
      csv,
      400,
      /unknown hyperparameter "depth"/,
    ],
    [
      'a target missing from the header (first chunk)',
      { filename: 'a.csv', chunkIndex: 0, totalChunks: 2, target: 'price' },
      csv,
      400,
      /target column "price" is not in the header/,
    ],
    [
      'an empty header name',
      { filename: 'a.csv', chunkIndex: 0, totalChunks: 1 },
      Buffer.from('a,,y\n1,2,3\n'),
      400,
      /empty column names at position\(s\) 2/,
    ],
    [
      'duplicate header names',
      { filename: 'a.csv', chunkIndex: 0, totalChunks: 1 },
      Buffer.from('a,a,y\n1,2,3\n'),
      400,
      /repeats column name\(s\) "a"/,
    ],
    [
      'a header-only file',
      { filename: 'a.csv', chunkIndex: 0, totalChunks: 1 },
      Buffer.from('x1,x2,y\n'),
      400,
      /header row but no data rows/,
    ],
    ['a blank file', { filename: 'a.csv', chunkIndex: 0, totalChunks: 1 }, Buffer.from('\n\n'), 400, /empty|no header/],
    [
      'malformed CSV rows',
      { filename: 'a.csv', chunkIndex: 0, totalChunks: 1 },
      Buffer.from('a,b,y\n1,2,3\n4,5\n'),
      400,
      /not a well-formed CSV/,
    ],
    [
      'an unknown trackingId',
      { filename: 'a.csv', chunkIndex: 1, totalChunks: 2, trackingId: '00000000-0000-4000-8000-000000000000' },
      csv,
      404,
      /No upload with trackingId/,
    ],
  ] as const)('%s', async (_name, fields, file, code, message) => {
    const res = await postChunk(url(), fields, file as Buffer | null);
    expect(res.status).toBe(code);
    expect(messageOf(res.body)).toMatch(message);
    expect(res.body.trackingId).toBeUndefined();
  });

  it('a file part under another field name is refused', async () => {
    const res = await postChunk(url(), { filename: 'a.csv', chunkIndex: 0, totalChunks: 1 }, csv, 'upload');
    expect(res.status).toBe(400);
  });

  it('out-of-order and same-index-other-bytes chunks get a 409 naming the expected index; the upload then carries on', async () => {
    const [c0, c1, c2] = splitIntoChunks(makeCsv({ rows: 300 }), 3);
    const { trackingId, filename } = await start(c0, 3);
    const ahead = await postChunk(url(), { filename, chunkIndex: 2, totalChunks: 3, trackingId }, c2);
    expect(ahead.status).toBe(409);
    expect(messageOf(ahead.body)).toMatch(/out of order.*expects chunkIndex 1/);
    const other = await postChunk(url(), { filename, chunkIndex: 0, totalChunks: 3, trackingId }, c1);
    expect(other.status).toBe(409);
    expect(messageOf(other.body)).toMatch(/already received with other bytes.*send chunk 1 next/);
    const otherTotal = await postChunk(url(), { filename, chunkIndex: 1, totalChunks: 4, trackingId }, c1);
    expect(otherTotal.status).toBe(409);
    expect((await postChunk(url(), { filename, chunkIndex: 1, totalChunks: 3, trackingId }, c1)).body.receivedChunks).toBe(2);
    expect((await postChunk(url(), { filename, chunkIndex: 2, totalChunks: 3, trackingId }, c2)).status).toBe(200);
    const events = await recorder.waitFor(trackingId, (es) => es.some((e) => e.event.type === 'TrainingRequested'));
    expect(events.filter((e) => e.topic === TOPICS.uploadChunks.name).map((e) => e.event.sequence)).toEqual([1, 2, 3]);
  });

  it('a chunk for a completed upload gets a 409', async () => {
    const file = makeCsv({ rows: 20 });
    const { trackingId, filename } = await start(file, 1);
    const res = await postChunk(url(), { filename, chunkIndex: 0, totalChunks: 1, trackingId }, makeCsv({ rows: 21 }));
    expect(res.status).toBe(409);
    expect(messageOf(res.body)).toMatch(/is complete and its training was requested/);
  });

  it('a target missing from the header is a 400 at the last chunk when the header was not in the first one; the last chunk can then be sent right', async () => {
    const file = makeCsv({ rows: 30 });
    const c0 = file.subarray(0, 5); // "x1,x2" — no complete line yet
    const rest = file.subarray(5);
    const { trackingId, filename } = await start(c0, 2, { target: 'price' });
    const bad = await postChunk(url(), { filename, chunkIndex: 1, totalChunks: 2, trackingId }, rest);
    expect(bad.status).toBe(400);
    expect(messageOf(bad.body)).toMatch(/target column "price" is not in the header/);
    const status = await getJson(`${url()}/api/model-train/status/${trackingId}`);
    expect(status.body).toMatchObject({ status: 'pending', receivedChunks: 1 });
  });

  it('a malformed row is refused with the chunk that holds it; a corrected chunk is then accepted', async () => {
    const good = makeCsv({ rows: 90, target: 'float' });
    const [c0, c1, c2] = splitIntoChunks(good, 3);
    const { trackingId, filename } = await start(c0, 3);
    const broken = Buffer.from(c1.toString().replace(/\n([^\n]*)\n/, '\n$1,extra\n'));
    const bad = await postChunk(url(), { filename, chunkIndex: 1, totalChunks: 3, trackingId }, broken);
    expect(bad.status).toBe(400);
    expect(messageOf(bad.body)).toMatch(/not a well-formed CSV: the row on line \d+ has 6 fields where the header has 5/);
    expect((await postChunk(url(), { filename, chunkIndex: 1, totalChunks: 3, trackingId }, c1)).status).toBe(200);
    expect((await postChunk(url(), { filename, chunkIndex: 2, totalChunks: 3, trackingId }, c2)).status).toBe(200);
    const events = await recorder.waitFor(trackingId, (es) => es.some((e) => e.event.type === 'TrainingRequested'));
    expect(events.find((e) => e.event.type === 'TrainingRequested')!.event.payload).toMatchObject({
      dataset: { size: good.length, sha256: sha256Hex(good) },
    });
  });

  it('chooses the default model type from the first rows when the first chunk holds only the header', async () => {
    const file = makeCsv({ rows: 80, target: 'float' });
    const headerEnd = file.indexOf('\n') + 1;
    const chunks = [file.subarray(0, headerEnd), file.subarray(headerEnd)];
    const [first] = await uploadFile(url(), file, chunks, { filename: uniqueFilename('header-first') });
    const events = await recorder.waitFor(first.trackingId, (es) => es.some((e) => e.event.type === 'TrainingRequested'));
    expect(events.find((e) => e.event.type === 'TrainingRequested')!.event.payload).toMatchObject({
      modelType: 'linear_regression',
      problemType: 'regression',
    });
  });

  it('a header-only file split in chunks is refused at the last chunk', async () => {
    const [c0, c1] = splitIntoChunks(Buffer.from('x1,x2,x3,colour,y\n'), 2);
    const { trackingId, filename } = await start(c0, 2);
    const res = await postChunk(url(), { filename, chunkIndex: 1, totalChunks: 2, trackingId }, c1);
    expect(res.status).toBe(400);
    expect(messageOf(res.body)).toMatch(/no data rows/);
  });

  it('a total over 25 MB gets a 413 and the partial upload is discarded', async () => {
    const big = Buffer.alloc(Math.floor(UPLOAD_LIMITS.maxFileBytes * 0.6), 'a');
    const head = Buffer.concat([Buffer.from('x1,x2,y\n'), Buffer.from('1,2,3\n'.repeat(Math.floor(big.length / 6)))]);
    const chunks = chunksOf(head, head.length);
    const { trackingId, filename } = await start(chunks[0], 3);
    const second = Buffer.from('4,5,6\n'.repeat(Math.floor((UPLOAD_LIMITS.maxFileBytes * 0.5) / 6)));
    const res = await postChunk(url(), { filename, chunkIndex: 1, totalChunks: 3, trackingId }, second);
    expect(res.status).toBe(413);
    expect(messageOf(res.body)).toMatch(/over 25 MB.*partial upload was discarded/);
    expect(await store.list(config.S3_BUCKET_UPLOADS, `uploads/${trackingId}/`)).toEqual([]);
    const later = await postChunk(url(), { filename, chunkIndex: 1, totalChunks: 3, trackingId }, Buffer.from('1,2,3\n'));
    expect(later.status).toBe(409);
    expect(messageOf(later.body)).toMatch(/was aborted/);
    const status = await getJson(`${url()}/api/model-train/status/${trackingId}`);
    expect(status.body).toMatchObject({ status: 'failed', error: expect.stringMatching(/over 25 MB/) });
    const events = await recorder.waitFor(trackingId, (es) => es.some((e) => e.event.type === 'UploadAborted'));
    expect(events.find((e) => e.event.type === 'UploadAborted')!.event).toMatchObject({ sequence: 4, payload: { receivedChunks: 1 } });
  });

  it('a single chunk over 25 MB gets a 413', async () => {
    const res = await postChunk(
      url(),
      { filename: 'big.csv', chunkIndex: 0, totalChunks: 1 },
      Buffer.alloc(UPLOAD_LIMITS.maxFileBytes + 10, '1'),
    );
    expect(res.status).toBe(413);
  });
});

describe('status, cancel, live stream, model specs', () => {
  it('404s an unknown job and 400s a bad filter', async () => {
    const res = await getJson(`${url()}/api/model-train/status/no-such-job`);
    expect(res.status).toBe(404);
    expect(messageOf(res.body)).toMatch(/No job with trackingId "no-such-job"/);
    expect((await getJson(`${url()}/api/model-train/status?status=sleeping`)).status).toBe(400);
    expect((await getJson(`${url()}/api/model-train/no-such-job/cancel`, { method: 'POST' })).status).toBe(404);
  });

  it('pages the job list newest first', async () => {
    const a = await start(makeCsv({ rows: 10 }), 2);
    const b = await start(makeCsv({ rows: 10 }), 2);
    const page = await getJson<{ items: { trackingId: string }[]; nextOffset: number | null; total: number }>(
      `${url()}/api/model-train/status?status=pending&limit=500`,
    );
    const ids = page.body.items.map((i) => i.trackingId);
    expect(ids.indexOf(b.trackingId)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(b.trackingId)).toBeLessThan(ids.indexOf(a.trackingId));
    const first = await getJson<{ items: unknown[]; nextOffset: number | null }>(`${url()}/api/model-train/status?limit=1`);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextOffset).toBe(1);
  });

  it('streams the current state, then the cancel of an upload in progress, then ends; the upload takes no more chunks', async () => {
    const [c0, c1] = splitIntoChunks(makeCsv({ rows: 60 }), 2);
    const { trackingId, filename } = await start(c0, 2);
    const res = await fetch(`${url()}/api/model-train/${trackingId}/events`, { signal: AbortSignal.timeout(30_000) });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    let text = '';
    const readUntil = async (re: RegExp) => {
      while (!re.test(text)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += Buffer.from(value).toString();
      }
    };
    await readUntil(/"status":"pending"/);
    const cancel = await getJson(`${url()}/api/model-train/${trackingId}/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'wrong file' }),
    });
    expect(cancel.status).toBe(202);
    expect(cancel.body).toMatchObject({ trackingId, status: 'cancelled' });
    await readUntil(/"status":"cancelled"/);
    const { done } = await reader.read();
    expect(done).toBe(true);
    const data = text
      .split('\n')
      .filter((l) => l.startsWith('data: '))
      .map((l) => JSON.parse(l.slice(6)) as { status: string });
    expect(data[0].status).toBe('pending');
    expect(data.at(-1)!.status).toBe('cancelled');
    const chunk = await postChunk(url(), { filename, chunkIndex: 1, totalChunks: 2, trackingId }, c1);
    expect(chunk.status).toBe(409);
    expect(messageOf(chunk.body)).toMatch(/was cancelled/);
    expect((await getJson(`${url()}/api/model-train/${trackingId}/cancel`, { method: 'POST' })).status).toBe(409);
  });

  it('projects the training events of a job idempotently (replayed sequences change nothing)', async () => {
    const { trackingId } = await start(makeCsv({ rows: 40 }), 1);
    const clock = new SequenceClock();
    const publish = (
      event: Omit<TrainingEvent, 'eventId' | 'timestamp' | 'producer' | 'trackingId' | 'sequence' | 'ownerId'>,
      sequence = clock.next(),
    ) => publisher.publish<TrainingEvent>(TOPICS.trainingEvents, { ...event, trackingId, ownerId: 'legacy', sequence } as never);
    const status = () => getJson<Record<string, unknown>>(`${url()}/api/model-train/status/${trackingId}`);
    const until = async (predicate: (s: Record<string, unknown>) => boolean) => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const { body } = await status();
        if (predicate(body)) return body;
        if (Date.now() > deadline) throw new Error(`status never matched: ${JSON.stringify(body)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    await publish({
      type: 'TrainingStarted',
      payload: {
        modelType: 'logistic_regression',
        paramsJson: '{}',
        backend: 'cpu',
        instanceId: 'e2e',
        attempt: 1,
        mlflowRunId: 'run1',
        columnsJson: '{}',
      },
    });
    const progressSeq = clock.next();
    await publish(
      { type: 'TrainingProgress', payload: { stage: 'training', progress: 40, epoch: 2, epochs: 5, loss: 0.5, metrics: {} } },
      progressSeq,
    );
    expect(await until((s) => s.progress === 40)).toMatchObject({ status: 'running', stage: 'training', epoch: 2, epochs: 5 });
    await publish(
      { type: 'TrainingProgress', payload: { stage: 'training', progress: 10, epoch: 1, epochs: 5, loss: 0.9, metrics: {} } },
      progressSeq,
    );
    await publish({
      type: 'TrainingCompleted',
      payload: {
        metrics: { accuracy: 0.9, f1: 0.88 },
        resultJson: '{"classes":["a","b"]}',
        mlflowRunId: 'run1',
        modelName: 'm',
        modelVersion: '3',
        modelId: 'models:/m/3',
      },
    });
    const done = await until((s) => s.status === 'completed');
    expect(done).toMatchObject({
      progress: 100,
      modelId: 'models:/m/3',
      result: { metrics: { accuracy: 0.9, f1: 0.88 }, classes: ['a', 'b'] },
      error: null,
    });
    await publish({ type: 'TrainingFailed', payload: { error: 'late', stage: 'training', mlflowRunId: null } });
    await new Promise((r) => setTimeout(r, 1500));
    expect((await status()).body).toMatchObject({ status: 'completed', error: null });
  });

  it('lists the model families with their defaults', async () => {
    const res = await getJson<{ key: string; defaults: Record<string, unknown> }[]>(`${url()}/api/model-specs`);
    expect(res.status).toBe(200);
    expect(res.body.map((s) => s.key)).toEqual(
      expect.arrayContaining(['logistic_regression', 'linear_regression', 'ridge_regression', 'mlp_classifier', 'mlp_regressor']),
    );
    expect(res.body.find((s) => s.key === 'ridge_regression')!.defaults).toMatchObject({ alpha: 1 });
  });

  it('serves its OpenAPI document', async () => {
    const res = await getJson<{ paths: Record<string, unknown> }>(`${url()}/api/docs-json`);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/model-train/start', '/api/model-train/status/{trackingId}', '/api/model-train/{trackingId}/events']),
    );
  });
});
