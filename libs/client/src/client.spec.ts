import { ModelstreamClient, sweepSettled } from './client';
import { BadRequestError, ConflictError, NotFoundError, ServiceUnavailableError } from './errors';
import { fakeFetch, json, sse } from './testing/fake-fetch';

const status = (trackingId: string, s: string, extra: Record<string, unknown> = {}) => ({
  trackingId,
  status: s,
  progress: 0,
  result: null,
  error: null,
  modelId: null,
  stage: null,
  ...extra,
});

function client(fetch: ReturnType<typeof fakeFetch>, sleeps: number[] = []) {
  return new ModelstreamClient({
    url: 'http://ingest:3000',
    apiKey: 'secret',
    fetch,
    sleep: async (ms) => void sleeps.push(ms),
  });
}

const csv = Buffer.from('x,y\n1,a\n2,b\n3,a\n4,b\n');

describe('ModelstreamClient.upload', () => {
  it('sends the file in chunks, the settings on chunk 0, the trackingId after, and the Bearer key', async () => {
    const fetch = fakeFetch((req) =>
      json(200, { trackingId: 't-1', chunkIndex: Number(req.fields!.chunkIndex), receivedChunks: 1, totalChunks: 3, status: 'pending' }),
    );
    const progress: number[] = [];
    const result = await client(fetch).upload(csv, {
      filename: 'd.csv',
      chunkSize: 8,
      target: 'y',
      modelType: 'logistic_regression',
      params: { epochs: 1 },
      onProgress: (p) => progress.push(p.sentBytes),
    });
    expect(result).toMatchObject({ trackingId: 't-1', totalChunks: 3, startedAt: 0 });
    expect(fetch.requests.map((r) => [r.method, r.url])).toEqual(Array(3).fill(['POST', 'http://ingest:3000/api/model-train/start']));
    expect(fetch.requests[0].fields).toEqual({
      filename: 'd.csv',
      chunkIndex: '0',
      totalChunks: '3',
      target: 'y',
      modelType: 'logistic_regression',
      params: '{"epochs":1}',
    });
    expect(fetch.requests[2].fields).toEqual({ filename: 'd.csv', chunkIndex: '2', totalChunks: '3', trackingId: 't-1' });
    expect(Buffer.concat(fetch.requests.map((r) => r.file!))).toEqual(csv);
    expect(fetch.requests[0].headers.authorization).toBe('Bearer secret');
    expect(progress).toEqual([8, 16, csv.length]);
  });

  it('sends a chunk again after a 503 (waiting its Retry-After) and after no answer', async () => {
    const sleeps: number[] = [];
    const fetch = fakeFetch((req, n) => {
      if (n === 1) return json(503, { message: 'Kafka is unavailable', retryable: true }, { 'retry-after': '2' });
      if (n === 2) throw new TypeError('fetch failed');
      return json(200, {
        trackingId: 't-2',
        chunkIndex: Number(req.fields!.chunkIndex),
        receivedChunks: 1,
        totalChunks: 1,
        status: 'pending',
      });
    });
    const retries: string[] = [];
    const result = await client(fetch, sleeps).upload(csv, { onRetry: (e, i) => retries.push(`${i}:${e.name}`) });
    expect(result.trackingId).toBe('t-2');
    expect(fetch.requests).toHaveLength(3);
    expect(sleeps[0]).toBe(2000);
    expect(retries).toEqual(['0:ServiceUnavailableError', '0:NetworkError']);
  });

  it('gives up with the typed error after the last attempt', async () => {
    const fetch = fakeFetch(() => json(503, { message: 'Redis is unavailable' }));
    await expect(client(fetch).upload(csv)).rejects.toThrow(ServiceUnavailableError);
    expect(fetch.requests).toHaveLength(5);
  });

  it('does not retry a bad request: the API message comes back as a BadRequestError', async () => {
    const fetch = fakeFetch(() => json(400, { statusCode: 400, error: 'InvalidInputError', message: 'Unknown target column "nope".' }));
    const error = await client(fetch)
      .upload(csv, { target: 'nope' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).message).toBe('Unknown target column "nope".');
    expect(fetch.requests).toHaveLength(1);
  });

  it('resumes: asks which chunks arrived and sends the rest', async () => {
    const fetch = fakeFetch((req) => {
      if (req.method === 'GET') return json(200, status('t-3', 'pending', { receivedChunks: 2, totalChunks: 3 }));
      return json(200, { trackingId: 't-3', chunkIndex: 2, receivedChunks: 3, totalChunks: 3, status: 'pending', datasetId: 'ds-1' });
    });
    const result = await client(fetch).upload(csv, { chunkSize: 8, resume: 't-3' });
    expect(fetch.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET http://ingest:3000/api/model-train/status/t-3',
      'POST http://ingest:3000/api/model-train/start',
    ]);
    expect(fetch.requests[1].fields).toMatchObject({ chunkIndex: '2', trackingId: 't-3' });
    expect(fetch.requests[1].file).toEqual(csv.subarray(16));
    expect(result).toMatchObject({ startedAt: 2, datasetId: 'ds-1' });
  });

  it('refuses to resume with another chunk size', async () => {
    const fetch = fakeFetch(() => json(200, status('t-4', 'pending', { receivedChunks: 1, totalChunks: 5 })));
    await expect(client(fetch).upload(csv, { chunkSize: 8, resume: 't-4' })).rejects.toThrow(/5 chunks.*makes 3/);
  });
});

describe('ModelstreamClient.waitForJob', () => {
  const event = (s: unknown) => `event: status\ndata: ${JSON.stringify(s)}\n\n`;

  it('reports every status and returns the final one', async () => {
    const fetch = fakeFetch(() =>
      sse([
        event(status('t', 'pending')),
        event(status('t', 'running', { progress: 50 })).slice(0, 20),
        event(status('t', 'running', { progress: 50 })).slice(20),
        event(status('t', 'completed', { progress: 100, modelId: 'models:/m/1' })),
      ]),
    );
    const seen: string[] = [];
    const final = await client(fetch).waitForJob('t', { onProgress: (s) => seen.push(`${s.status}:${s.progress}`) });
    expect(final.modelId).toBe('models:/m/1');
    expect(seen).toEqual(['pending:0', 'running:50', 'completed:100']);
    expect(fetch.requests[0]).toMatchObject({ url: 'http://ingest:3000/api/model-train/t/events' });
    expect(fetch.requests[0].headers).toMatchObject({ accept: 'text/event-stream', authorization: 'Bearer secret' });
  });

  it('reopens a stream that ended before a final status', async () => {
    const fetch = fakeFetch((_req, n) =>
      n === 1 ? sse([event(status('t', 'running'))]) : sse([event(status('t', 'failed', { error: 'bad data' }))]),
    );
    const final = await client(fetch).waitForJob('t');
    expect(final).toMatchObject({ status: 'failed', error: 'bad data' });
    expect(fetch.requests).toHaveLength(2);
  });

  it('throws NotFoundError for an unknown trackingId', async () => {
    const fetch = fakeFetch(() => json(404, { message: 'No job with trackingId "nope".' }));
    await expect(client(fetch).waitForJob('nope')).rejects.toThrow(NotFoundError);
  });
});

describe('ModelstreamClient, other calls', () => {
  it('sends predictions to the inference base (port 3001 of the ingest host)', async () => {
    const fetch = fakeFetch(() => json(200, { status: 'success', predictions: [{ value: 1 }] }));
    await client(fetch).predict('models:/m/1', [{ x: 1 }]);
    expect(fetch.requests[0]).toMatchObject({
      method: 'POST',
      url: 'http://ingest:3001/api/predict',
      json: { modelId: 'models:/m/1', features: [{ x: 1 }] },
    });
  });

  it('maps a 409 of cancel to ConflictError and does not retry a POST that got no answer', async () => {
    const conflict = fakeFetch(() => json(409, { message: 'The job is already completed.' }));
    await expect(client(conflict).cancel('t')).rejects.toThrow(ConflictError);
    const down = fakeFetch(() => {
      throw new TypeError('fetch failed');
    });
    await expect(client(down).trainDataset('ds-1', { target: 'y' })).rejects.toThrow(/got no answer/);
    expect(down.requests).toHaveLength(1);
  });

  it('builds query strings and alias paths', async () => {
    const fetch = fakeFetch(() => json(200, {}));
    const c = client(fetch);
    await c.listJobs({ status: 'running', limit: 5 });
    await c.setAlias('my model', 'champion', 3);
    await c.deleteAlias('m', 'champion');
    await c.cancelMany({ sweepId: 'sw-1' });
    expect(fetch.requests.map((r) => `${r.method} ${r.url} ${r.json ? JSON.stringify(r.json) : ''}`.trim())).toEqual([
      'GET http://ingest:3000/api/model-train/status?status=running&limit=5',
      'PUT http://ingest:3001/api/models/my%20model/aliases/champion {"version":"3"}',
      'DELETE http://ingest:3001/api/models/m/aliases/champion',
      'POST http://ingest:3000/api/model-train/cancel {"sweepId":"sw-1"}',
    ]);
  });
});

describe('ModelstreamClient, aborted', () => {
  it('sends nothing once the signal is aborted, and rejects with its reason', async () => {
    const fetch = fakeFetch((req) =>
      json(200, { trackingId: 't', chunkIndex: Number(req.fields!.chunkIndex), receivedChunks: 1, totalChunks: 3, status: 'pending' }),
    );
    const stop = new AbortController();
    const error = await client(fetch)
      .upload(csv, { chunkSize: 8, signal: stop.signal, onProgress: () => stop.abort(new Error('stop')) })
      .catch((e: unknown) => e);
    expect(error).toEqual(new Error('stop'));
    expect(fetch.requests).toHaveLength(1);
  });
});

describe('sweepSettled', () => {
  const entry = { status: 'completed', modelVersion: '2' };
  const sweep = (over: object) =>
    ({ status: 'completed', promoteAlias: 'champion', promotedVersion: null, leaderboard: [entry], ...over }) as never;

  it('waits for the alias a completed sweep asked for', () => {
    expect(sweepSettled(sweep({ status: 'running' }))).toBe(false);
    expect(sweepSettled(sweep({}))).toBe(false);
    expect(sweepSettled(sweep({ promotedVersion: '2' }))).toBe(true);
    expect(sweepSettled(sweep({ promoteAlias: null }))).toBe(true);
    expect(sweepSettled(sweep({ leaderboard: [{ status: 'failed', modelVersion: null }] }))).toBe(true);
  });
});
