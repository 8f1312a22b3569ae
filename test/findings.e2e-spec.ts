/**
 * The probe's findings (issue 13), each reproduced as the probe did it against the running apps: every one used
 * to be accepted, answered 5xx or leaked; now each answers a clear 4xx (or is accepted and works). Access control
 * (finding 1) and the batch endpoint's object keys (finding 2) have their own suites: access.e2e-spec.ts and
 * inference.e2e-spec.ts; the fuzzer (fuzz.e2e-spec.ts) keeps finding 10 true for every operation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { findProjectRoot } from '@modelstream/config';
import { RunningApp, startApp, startTogether } from './support/app-process';
import { postChunk } from './support/ingest-client';
import { PipelineTrainer, TrainedModel } from './support/inference-training';

jest.setTimeout(240_000);

const root = findProjectRoot(__dirname);
const run = randomUUID().slice(0, 8);
let ingest: RunningApp;
let inference: RunningApp;
let trainer: RunningApp;
const pipeline = new PipelineTrainer();
let classifier: TrainedModel;
let regressor: TrainedModel;

/** n rows of two numeric features (`a` and, by default, `constructor`) and a target. */
function csv(rows: number, target: (i: number) => string, second = 'constructor'): string {
  const lines = [`a,${second},target`];
  for (let i = 0; i < rows; i++) lines.push(`${(i % 17) / 3},${(i * 7) % 11},${target(i)}`);
  return lines.join('\n') + '\n';
}

const json = async (url: string, body: unknown, init: RequestInit = {}) => {
  const res = await fetch(url, {
    method: 'POST',
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
};
const upload = (fields: Record<string, string | number>, bytes: Buffer) =>
  postChunk(ingest.url, { filename: `findings-${run}.csv`, chunkIndex: 0, totalChunks: 1, ...fields }, bytes);
const deeply = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

beforeAll(async () => {
  [ingest, inference, trainer] = await startTogether([startApp('ingest', 3450), startApp('inference', 3451), startApp('trainer', 3452)]);
  [classifier, regressor] = await Promise.all([
    pipeline.train({
      modelName: `findings-clf-${run}`,
      csv: csv(120, (i) => (i % 3 === 0 ? 'constructor' : '__proto__')), // classes named after prototype members
      target: 'target',
      modelType: 'logistic_regression',
    }),
    pipeline.train({
      modelName: `findings-reg-${run}`,
      csv: csv(120, (i) => String(i % 13), 'b'),
      target: 'target',
      modelType: 'linear_regression',
    }),
  ]);
});

afterAll(async () => {
  await Promise.allSettled([ingest?.stop(), inference?.stop(), trainer?.stop()]);
  await pipeline.close();
});

it('3: a model too large for any trainer is refused at the upload, naming the limit', async () => {
  const params = JSON.stringify({ hiddenLayers: Array(8).fill(4096), epochs: 1000, batchSize: 1 });
  const res = await upload({ target: 'target', modelType: 'mlp_classifier', params }, Buffer.from(csv(2000, (i) => String(i % 2))));
  expect(res.status).toBe(400);
  expect(String(res.body.message)).toMatch(/weights/);
});

it('4: JSON nested 20,000 deep is a 400, on predict and on the cancel body', async () => {
  const predict = await json(`${inference.url}/api/predict`, `{"modelId":"${classifier.modelId}","features":${deeply(20_000)}}`);
  expect(predict.status).toBe(400);
  const cancel = await json(`${ingest.url}/api/model-train/${randomUUID()}/cancel`, `{"reason":${deeply(20_000)}}`);
  expect(cancel.status).toBe(400);
});

it('5: prototype names — a `__proto__` column or a hyperparameter named after a prototype member is refused', async () => {
  const proto = await upload({ target: 'target' }, Buffer.from(csv(40, (i) => String(i % 2)).replace('constructor', '__proto__')));
  expect(proto.status).toBe(400);
  expect(String(proto.body.message)).toMatch(/__proto__/);
  for (const name of ['__proto__', 'toString']) {
    const res = await upload(
      { target: 'target', modelType: 'logistic_regression', params: `{"${name}": 1}` },
      Buffer.from(csv(40, (i) => String(i % 2))),
    );
    expect(res.status).toBe(400);
    expect(String(res.body.message)).not.toMatch(/native code|function Object/);
  }
  const constructorParam = await json(`${ingest.url}/api/train`, {
    rows: [{ a: 1, constructor: 2, target: 'x' }],
    target: 'target',
    params: { constructor: 1 },
  });
  expect(constructorParam.status).toBe(400);
  expect(String(constructorParam.body.message)).toMatch(/unknown "constructor"/);
});

it('5: a model with a `constructor` column and classes `constructor`/`__proto__` serves valid rows', async () => {
  const rows = [
    { a: 1, constructor: 3 },
    { a: 5, constructor: 0 },
  ];
  const res = await json(`${inference.url}/api/predict`, { modelId: classifier.modelId, features: rows });
  expect(res.status).toBe(200);
  const predictions = res.body.predictions as Array<{ label: string; probabilities: Record<string, number> }>;
  expect(predictions).toHaveLength(2);
  for (const p of predictions) {
    expect(['constructor', '__proto__']).toContain(p.label);
    expect(Object.keys(p.probabilities).sort()).toEqual(['__proto__', 'constructor']);
    expect(p.probabilities['constructor'] + p.probabilities['__proto__']).toBeCloseTo(1, 5);
  }
  const missing = await json(`${inference.url}/api/predict`, { modelId: classifier.modelId, features: [{ a: 1 }] });
  expect(missing.status).toBe(400);
  expect(String(missing.body.message)).toMatch(/missing.*constructor/);
  expect(String(missing.body.message)).not.toMatch(/type/);
});

it('6: features whose outputs are not finite are a 400 naming the rows, not a 200 with nulls', async () => {
  const res = await json(`${inference.url}/api/predict`, {
    modelId: regressor.modelId,
    features: [
      { a: 1, b: 2 },
      { a: 1e308, b: 1e308 },
    ],
  });
  expect(res.status).toBe(400);
  expect(String(res.body.message)).toMatch(/row 1 is not a finite number/);
});

it("7: an unknown job's event stream is a 404, as documented", async () => {
  expect((await fetch(`${ingest.url}/api/model-train/${randomUUID()}/events`)).status).toBe(404);
});

it('8: uploads bound to fail are refused at upload time with the reason', async () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => `café ${i},${i},${i % 2}`).join('\n');
  const latin1 = Buffer.from(`name,x,target\n${rows(20)}\n`, 'latin1');
  const cases: Array<[string, Record<string, string | number>, Buffer]> = [
    ['Latin-1 bytes', { target: 'target' }, latin1],
    ['one column', { target: 'target' }, Buffer.from('target\n' + '1\n0\n'.repeat(10))],
    ['six rows', { target: 'target' }, Buffer.from(csv(6, (i) => String(i % 2)))],
    ['one class', { target: 'target', modelType: 'logistic_regression' }, Buffer.from(csv(40, () => 'yes'))],
    ['chunkIndex ""', { chunkIndex: '' }, Buffer.from(csv(40, (i) => String(i % 2)))],
    ['chunkIndex 0x0', { chunkIndex: '0x0' }, Buffer.from(csv(40, (i) => String(i % 2)))],
    ['chunkIndex 1e0', { chunkIndex: '1e0', totalChunks: 2 }, Buffer.from(csv(40, (i) => String(i % 2)))],
  ];
  for (const [what, fields, bytes] of cases) {
    const res = await upload(fields, bytes);
    expect({ what, status: res.status }).toEqual({ what, status: 400 });
  }
  // settings sent again on a later chunk, different from chunk 0's, are refused instead of silently ignored
  const file = csv(40, (i) => String(i % 2));
  const half = file.length >> 1;
  const first = await postChunk(
    ingest.url,
    { filename: `later-${run}.csv`, chunkIndex: 0, totalChunks: 2, target: 'target' },
    Buffer.from(file.slice(0, half)),
  );
  expect(first.status).toBe(200);
  const later = await postChunk(
    ingest.url,
    { filename: `later-${run}.csv`, chunkIndex: 1, totalChunks: 2, trackingId: first.body.trackingId, target: 'a' },
    Buffer.from(file.slice(half)),
  );
  expect(later.status).toBe(400);
  // a batch CSV with a NaN is refused before the job, naming the value
  const form = new FormData();
  form.append('modelId', classifier.modelId);
  form.append('file', new Blob(['a,constructor\n1,2\nNaN,3\n'], { type: 'text/csv' }), 'batch.csv');
  const batch = await fetch(`${inference.url}/api/predict/batch`, { method: 'POST', body: form });
  expect(batch.status).toBe(400);
});

it('9: security headers everywhere, no X-Powered-By, and cross-site writes refused', async () => {
  for (const url of [`${ingest.url}/api/model-specs`, `${ingest.url}/api/docs`, `${inference.url}/api/models`]) {
    const res = await fetch(url);
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('content-security-policy')).toMatch(/default-src/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  }
  const form = new FormData();
  form.append('filename', 'x.csv');
  form.append('chunkIndex', '0');
  form.append('totalChunks', '1');
  form.append('file', new Blob([csv(20, (i) => String(i % 2))], { type: 'text/csv' }), 'x.csv');
  const fromAnotherSite = await fetch(`${ingest.url}/api/model-train/start`, {
    method: 'POST',
    body: form,
    headers: { origin: 'http://evil.example' },
  });
  expect(fromAnotherSite.status).toBe(403);
  const cancel = await fetch(`${ingest.url}/api/model-train/${randomUUID()}/cancel`, {
    method: 'POST',
    headers: { 'sec-fetch-site': 'cross-site' },
  });
  expect(cancel.status).toBe(403);
  const urlencoded = await fetch(`${inference.url}/api/predict`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://evil.example' },
    body: 'modelId=x',
  });
  expect(urlencoded.status).toBe(403);
});

it('10: every operation of both OpenAPI documents documents its 4xx answers', () => {
  for (const doc of ['ingest', 'inference']) {
    const spec = JSON.parse(readFileSync(join(root, 'openapi', `${doc}.json`), 'utf8')) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>>;
    };
    const undocumented = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => !Object.keys(op.responses).some((code) => code.startsWith('4')))
        .filter(([, op]) => (op.security?.length ?? 0) > 0 || path.startsWith('/api/'))
        .map(([method]) => `${doc} ${method.toUpperCase()} ${path}`),
    );
    expect(undocumented).toEqual([]);
  }
});
