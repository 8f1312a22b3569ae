/**
 * UploadService with fakes for everything outside the process (testing/upload.fakes.ts): the order of its
 * I/O, retries, a broker outage and wide CSVs. Bad input: upload.service.bad-input.spec.ts.
 */
import { Logger } from '@nestjs/common';
import { DependencyUnavailableError } from '@modelstream/contracts';
import { BUCKET, ColdCache, csv, sha, split, statusOf, uploadHarness as harness, wideCsv } from './testing/upload.fakes';

beforeAll(() => Logger.overrideLogger(false));

describe('UploadService: a multi-chunk upload', () => {
  it('stores each chunk, publishes its event in order, then the training request with the whole file', async () => {
    const { upload, publisher, projection, history, store, stateOf } = harness();
    const file = csv(60);
    const parts = split(file, 3);
    const answers = await upload(parts, { target: 'y', modelType: 'mlp_classifier', params: '{"epochs": 5}', modelName: 'iris' });

    const trackingId = answers[0].trackingId;
    const datasetId = `ds-${sha(file).slice(0, 8)}`;
    expect(answers).toEqual(
      parts.map((_, i) => ({
        trackingId,
        chunkIndex: i,
        receivedChunks: i + 1,
        totalChunks: 3,
        status: 'pending',
        ...(i === 2 ? { datasetId } : {}),
      })),
    );
    const expectedLog = [
      'upload-chunks UploadChunkReceived 1',
      'upload-chunks UploadChunkReceived 2',
      'upload-chunks UploadChunkReceived 3',
      'training-requests TrainingRequested 1',
    ];
    expect(publisher.log()).toEqual(expectedLog);
    expect(projection.applied).toEqual(expectedLog);
    expect(history.applied).toEqual(['modelstream.training-requests TrainingRequested']); // in use at once
    const keys = parts.map((_, i) => `uploads/${trackingId}/chunk-0000${i}`);
    parts.forEach((part, i) => expect(store.objects.get(keys[i])).toEqual(part));
    expect(publisher.published[1].event.payload).toEqual({
      filename: 'data.csv',
      chunkIndex: 1,
      totalChunks: 3,
      bucket: BUCKET,
      objectKey: keys[1],
      size: parts[1].length,
      sha256: sha(parts[1]),
    });
    const request = publisher.published[3].event.payload as Record<string, unknown> & { paramsJson: string };
    expect(request).toMatchObject({
      filename: 'data.csv',
      modelName: 'iris',
      modelType: 'mlp_classifier',
      problemType: 'classification',
      target: 'y',
      dataset: { bucket: BUCKET, objectKeys: keys, size: file.length, sha256: sha(file), columns: ['x1', 'x2', 'y'], datasetId },
      sweepId: null,
    });
    expect(JSON.parse(request.paramsJson)).toMatchObject({ epochs: 5, hiddenLayers: [64, 32] });
    expect(stateOf(trackingId)).toMatchObject({ phase: 'completed', receivedBytes: file.length });
  });

  it('chooses the model type from the first rows, read back from the store, when chunk 0 held only the header', async () => {
    const { upload, publisher, store } = harness(new ColdCache());
    const file = csv(40, 'float');
    const headerEnd = file.indexOf('\n') + 1;
    await upload([file.subarray(0, headerEnd), file.subarray(headerEnd)]);
    expect(publisher.published.at(-1)!.event.payload).toMatchObject({
      modelType: 'linear_regression',
      problemType: 'regression',
      target: 'y',
    });
    expect(store.reads.length).toBeGreaterThan(0);
  });

  it('the projection being down does not fail an acknowledged chunk', async () => {
    const { upload, projection, publisher } = harness();
    projection.failing = true;
    const answers = await upload(split(csv(10), 2));
    expect(answers.map((a) => a.receivedChunks)).toEqual([1, 2]);
    expect(publisher.log()).toHaveLength(3);
  });
});

describe('UploadService: retries and bad order', () => {
  it('answers a repeated chunk as before, without a second event; also after completion', async () => {
    const { start, send, publisher } = harness();
    const parts = split(csv(30), 2);
    const first = await start(parts);
    expect(await send(first.trackingId, parts, 0)).toEqual(first);
    const last = await send(first.trackingId, parts, 1);
    expect(await send(first.trackingId, parts, 1)).toEqual(last);
    expect(publisher.log()).toEqual([
      'upload-chunks UploadChunkReceived 1',
      'upload-chunks UploadChunkReceived 2',
      'training-requests TrainingRequested 1',
    ]);
  });

  it('refuses other bytes at an accepted index with a 409 and takes the upload on from there', async () => {
    const { start, send, publisher } = harness();
    const parts = split(csv(30), 3);
    const { trackingId } = await start(parts);
    await expect(send(trackingId, parts, 0, parts[1])).rejects.toThrow(/already received with other bytes.*send chunk 1 next/);
    expect(await statusOf(send(trackingId, parts, 0, parts[1]))).toBe(409);
    await send(trackingId, parts, 1);
    await send(trackingId, parts, 2);
    expect(publisher.log()).toEqual([
      'upload-chunks UploadChunkReceived 1',
      'upload-chunks UploadChunkReceived 2',
      'upload-chunks UploadChunkReceived 3',
      'training-requests TrainingRequested 1',
    ]);
  });

  it('refuses a chunk out of order with a 409 naming the expected index, storing nothing', async () => {
    const { start, send, store, publisher } = harness();
    const parts = split(csv(30), 3);
    const { trackingId } = await start(parts);
    await expect(send(trackingId, parts, 2)).rejects.toThrow(/out of order.*expects chunkIndex 1/);
    expect(await statusOf(send(trackingId, parts, 2))).toBe(409);
    expect(store.objects.size).toBe(1);
    expect(publisher.log()).toEqual(['upload-chunks UploadChunkReceived 1']);
  });

  it('404s an unknown trackingId', async () => {
    const { send } = harness();
    expect(await statusOf(send('00000000-0000-4000-8000-000000000000', split(csv(5), 2), 1))).toBe(404);
  });
});

/** Chunks 1 and 2 of a 3-chunk upload whose chunk 1 was refused once: each event published once, then the request. */
async function sendsTheRest(
  trackingId: string,
  parts: Buffer[],
  send: ReturnType<typeof harness>['send'],
  publisher: ReturnType<typeof harness>['publisher'],
) {
  expect((await send(trackingId, parts, 1)).receivedChunks).toBe(2);
  expect((await send(trackingId, parts, 2)).receivedChunks).toBe(3);
  expect(publisher.log()).toEqual([
    'upload-chunks UploadChunkReceived 1',
    'upload-chunks UploadChunkReceived 2',
    'upload-chunks UploadChunkReceived 3',
    'training-requests TrainingRequested 1',
  ]);
}

describe('UploadService: the broker down', () => {
  it('answers 503 and records nothing; the same chunk later is accepted once', async () => {
    const { start, send, publisher, stateOf } = harness();
    const parts = split(csv(30), 3);
    const { trackingId } = await start(parts);
    publisher.down.add('*');
    const refused = send(trackingId, parts, 1);
    await expect(refused).rejects.toThrow(DependencyUnavailableError);
    expect(stateOf(trackingId).chunks).toHaveLength(1);
    publisher.down.clear();
    await sendsTheRest(trackingId, parts, send, publisher);
  });

  it('the retry of a chunk whose send failed sends the same event (eventId, timestamp): a late copy is a repeat', async () => {
    const { start, send, publisher, stateOf } = harness();
    const parts = split(csv(30), 3);
    const { trackingId } = await start(parts);
    publisher.down.add('*');
    expect(await statusOf(send(trackingId, parts, 1))).toBe(503);
    const unacknowledged = publisher.attempted.at(-1)!;
    expect(stateOf(trackingId)).toMatchObject({
      chunks: [expect.anything()],
      unconfirmed: { 'chunk/1': { eventId: unacknowledged.eventId } },
    });
    await new Promise((resolve) => setTimeout(resolve, 5)); // a new event would carry a later time
    publisher.down.clear();
    await send(trackingId, parts, 1);
    const sent = publisher.published.at(-1)!.event;
    expect(sent).toEqual(unacknowledged);
    expect(stateOf(trackingId).unconfirmed).toBeUndefined();
  });

  it('other bytes for a chunk whose send failed are another fact: a new event', async () => {
    const { start, send, publisher } = harness();
    const parts = split(csv(30), 3);
    const { trackingId } = await start(parts);
    publisher.down.add('*');
    expect(await statusOf(send(trackingId, parts, 1))).toBe(503);
    const unacknowledged = publisher.attempted.at(-1)!;
    publisher.down.clear();
    const changed = [parts[0], Buffer.from(parts[1].toString().replace(/\d$/m, '7')), parts[2]];
    await send(trackingId, changed, 1);
    expect(publisher.published.at(-1)!.event.eventId).not.toBe(unacknowledged.eventId);
  });

  it('a training request cut by the broker is finished by a retry of the last chunk, without a second chunk event', async () => {
    const { start, send, publisher, stateOf } = harness();
    const parts = split(csv(30), 2);
    const { trackingId } = await start(parts);
    publisher.down.add('TrainingRequested');
    expect(await statusOf(send(trackingId, parts, 1))).toBe(503);
    expect(stateOf(trackingId)).toMatchObject({ phase: 'uploading', plan: expect.objectContaining({ target: 'y' }) });
    const unacknowledged = publisher.attempted.at(-1)!;
    expect(unacknowledged.type).toBe('TrainingRequested');
    publisher.down.clear();
    expect(await send(trackingId, parts, 1)).toMatchObject({ receivedChunks: 2, totalChunks: 2 });
    expect(publisher.published.at(-1)!.event).toMatchObject({ eventId: unacknowledged.eventId, timestamp: unacknowledged.timestamp });
    expect(await send(trackingId, parts, 1)).toMatchObject({ receivedChunks: 2 });
    expect(publisher.log()).toEqual([
      'upload-chunks UploadChunkReceived 1',
      'upload-chunks UploadChunkReceived 2',
      'training-requests TrainingRequested 1',
    ]);
    expect(stateOf(trackingId).phase).toBe('completed');
    expect(stateOf(trackingId).unconfirmed).toBeUndefined();
  });
});

describe('UploadService: the object store down', () => {
  it('answers 503, lets the scanned bytes go and records nothing; the same chunk later is accepted', async () => {
    const { start, send, store, chunks, publisher, stateOf } = harness();
    const parts = split(csv(30), 3);
    const { trackingId } = await start(parts);
    const refused = jest.spyOn(chunks, 'refused');
    store.putFailures = 1;
    expect(await statusOf(send(trackingId, parts, 1))).toBe(503);
    expect(refused).toHaveBeenCalledWith(trackingId, 1);
    expect(stateOf(trackingId).chunks).toHaveLength(1);
    await sendsTheRest(trackingId, parts, send, publisher);
  });
});

describe('UploadService: wide CSVs', () => {
  const wide = wideCsv(10_000, 10);

  it('accepts a 10,000-column file of about 250 KB in one chunk', async () => {
    expect(Math.round(wide.length / 1000)).toBeGreaterThanOrEqual(170);
    const { upload, publisher } = harness();
    await upload([wide]);
    const request = publisher.published.at(-1)!.event.payload as { dataset: { columns: string[] }; target: string };
    expect(request.dataset.columns).toHaveLength(10_000);
    expect(request.target).toBe('f9999');
  });

  it('reads the earlier chunks back once for a header spread over many chunks, not once per chunk', async () => {
    const { start, send, store, publisher } = harness(new ColdCache());
    const parts = split(wide, 90); // the header alone spans about 30 of them
    const { trackingId } = await start(parts);
    for (let i = 1; i < parts.length - 1; i++) await send(trackingId, parts, i);
    const readsPerChunk = store.reads.reduce((count, key) => count.set(key, (count.get(key) ?? 0) + 1), new Map<string, number>());
    expect(Math.max(...readsPerChunk.values())).toBe(1);
    await send(trackingId, parts, parts.length - 1);
    expect(publisher.published.at(-1)!.event.payload).toMatchObject({ dataset: { size: wide.length, sha256: sha(wide) } });
  });
});

describe('UploadChunkRepository at boot', () => {
  it('waits for the object store with retry() until the bucket is there', async () => {
    const { store, chunks } = harness();
    store.ensureBucketFailures = 1;
    await chunks.onApplicationBootstrap();
    expect(store.ensureBucketCalls).toBe(2);
  });
});

describe('UploadService: an upload becomes a dataset', () => {
  it('train=false completes the upload into a dataset with an UploadCompleted event and no training request', async () => {
    const { upload, publisher, stateOf } = harness();
    const file = csv(30);
    const answers = await upload(split(file, 2), { train: 'false' });
    const datasetId = `ds-${sha(file).slice(0, 8)}`;
    expect(answers[1]).toMatchObject({ datasetId });
    expect(publisher.log()).toEqual([
      'upload-chunks UploadChunkReceived 1',
      'upload-chunks UploadChunkReceived 2',
      'upload-chunks UploadCompleted 3',
    ]);
    expect(publisher.published[2].event.payload).toEqual({ datasetId, receivedChunks: 2 });
    expect(stateOf(answers[0].trackingId)).toMatchObject({ phase: 'completed', datasetId });
  });

  it('the same bytes uploaded again train on the stored dataset, and the second copy is removed', async () => {
    const { upload, publisher, store } = harness();
    const file = csv(30);
    const first = await upload(split(file, 2), { train: 'false' });
    const second = await upload(split(file, 3));
    const request = publisher.published.at(-1)!.event.payload as { dataset: { objectKeys: string[]; datasetId: string } };
    expect(request.dataset.datasetId).toBe(second[2].datasetId);
    expect(request.dataset.objectKeys).toEqual([0, 1].map((i) => `uploads/${first[0].trackingId}/chunk-0000${i}`));
    expect([...store.objects.keys()].filter((k) => k.includes(second[0].trackingId))).toEqual([]);
  });
});
