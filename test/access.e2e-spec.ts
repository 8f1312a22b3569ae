/**
 * Access control end to end (AUTH=required): keys made with the keys CLI, ingest and inference started as an
 * operator would start them, and every route of both OpenAPI documents tried without a key. Then two owners
 * and an admin: an upload, a dataset, a job and a model name of one owner are unknown to the other (404), so
 * the other can neither read, cancel, abort nor fill them; a key without the scope gets 403; a revoked key 401.
 */
import { randomBytes } from 'node:crypto';
import { loadConfig } from '@modelstream/config';
import { MlflowClient, MODEL_OWNER_TAG } from '@modelstream/mlflow';
import { chunkForm, createKey, keysCli, send } from './support/access';
import { RunningApp, startApp, startTogether } from './support/app-process';
import { penguinsCsv } from './support/datasets-client';

jest.setTimeout(180_000);

const run = randomBytes(4).toString('hex');
const AUTH = { AUTH: 'required', AUTH_CACHE_TTL_MS: '0', METRICS_PUBLIC: 'true' };

interface Operation {
  method: string;
  path: string;
  secured: boolean;
}

/** Every operation of an app's OpenAPI document, path parameters filled with plausible values. */
async function operationsOf(baseUrl: string): Promise<Operation[]> {
  const doc = (await send<{ paths: Record<string, Record<string, { security?: unknown[] }>> }>('GET', `${baseUrl}/api/docs-json`)).body;
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'post', 'put', 'delete', 'patch'].includes(method))
      .map(([method, op]) => ({
        method: method.toUpperCase(),
        path: path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'jobId' ? '00000000-0000-4000-8000-000000000000' : `${name}-1`)),
        secured: Array.isArray(op.security) && op.security.length > 0,
      })),
  );
}

describe('access control with AUTH=required', () => {
  let ingest: RunningApp;
  let inference: RunningApp;
  const keys: Record<'alice' | 'bob' | 'admin' | 'predictor', string> = { alice: '', bob: '', admin: '', predictor: '' };
  const names = { alice: `alice-${run}`, bob: `bob-${run}`, admin: `ops-${run}`, predictor: `scorer-${run}` };

  beforeAll(async () => {
    [ingest, inference] = await startTogether([
      startApp('ingest', 3181, AUTH),
      startApp('inference', 3182, { ...AUTH, RATE_LIMIT_PREDICTIONS_PER_MINUTE: '6' }), // one at once, then one per 10 s
    ]);
    const made = await Promise.all([
      createKey(names.alice, 'train,read'),
      createKey(names.bob, 'train,read'),
      createKey(names.admin, 'admin'),
      createKey(names.predictor, 'predict', names.alice),
    ]);
    [keys.alice, keys.bob, keys.admin, keys.predictor] = made.map((m) => m.key);
  });

  afterAll(async () => {
    await Promise.allSettled([ingest?.stop(), inference?.stop()]);
  });

  it('creates keys with the CLI: the key alone on the last line, listed by name, never stored in clear', async () => {
    for (const key of Object.values(keys)) expect(key).toMatch(/^msk_[A-Za-z0-9_-]{43}$/);
    const list = await keysCli('list');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(names.alice);
    expect(list.stdout).not.toContain(keys.alice);
    const bad = await keysCli('create', '--name', `x-${run}`, '--scopes', 'read,write');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Unknown scope "write"');
  });

  it('answers 401 to an anonymous caller on every route of both apps but health, ping, metrics and the docs', async () => {
    const wrong: string[] = [];
    let tried = 0;
    for (const app of [ingest, inference]) {
      for (const op of await operationsOf(app.url)) {
        const res = await send(op.method, `${app.url}${op.path}`, op.method === 'GET' ? {} : { json: {} });
        tried++;
        const expected = op.secured ? 401 : res.status < 400 ? res.status : -1;
        if (res.status !== expected) wrong.push(`${op.method} ${op.path}: ${res.status}`);
        if (op.secured && res.headers.get('www-authenticate') !== 'Bearer') wrong.push(`${op.method} ${op.path}: no WWW-Authenticate`);
      }
    }
    expect(tried).toBeGreaterThan(35);
    expect(wrong).toEqual([]);
    const open = await Promise.all([send('GET', `${ingest.url}/health`), send('GET', `${inference.url}/ping`)]);
    expect(open.map((r) => r.status)).toEqual([200, 200]);
    const malformed = await send('GET', `${ingest.url}/api/model-train/status`, { headers: { authorization: 'Basic YWxpY2U6eA==' } });
    expect(malformed.status).toBe(401);
    expect(String(malformed.body.message)).toContain('Bearer');
  });

  it('says who a key is', async () => {
    const me = await send('GET', `${ingest.url}/api/auth/me`, { key: keys.predictor });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      auth: 'required',
      ownerId: names.alice,
      keyName: names.predictor,
      keyId: expect.any(String),
      scopes: ['predict'],
      admin: false,
    });
  });

  it('answers 403 to a key without the scope, naming it', async () => {
    const upload = await send('POST', `${ingest.url}/api/model-train/start`, {
      key: keys.predictor,
      form: chunkForm({ filename: 'p.csv', chunkIndex: 0, totalChunks: 1, target: 'species' }, penguinsCsv(run)),
    });
    expect(upload.status).toBe(403);
    expect(String(upload.body.message)).toContain('"train" scope');
    const republish = await send('POST', `${ingest.url}/api/dead-letters/republish`, { key: keys.alice, json: { letters: [] } });
    expect(republish.status).toBe(403);
    const load = await send('POST', `${inference.url}/api/models/any/versions/1/load`, { key: keys.bob });
    expect(load.status).toBe(403);
  });

  it("keeps one owner's upload, job and dataset out of another owner's reach", async () => {
    const csv = penguinsCsv(run);
    const half = csv.indexOf('\n', csv.length >> 1) + 1;
    const first = await send<{ trackingId: string }>('POST', `${ingest.url}/api/model-train/start`, {
      key: keys.alice,
      form: chunkForm(
        { filename: 'penguins.csv', chunkIndex: 0, totalChunks: 2, target: 'species', train: 'false' },
        csv.subarray(0, half),
      ),
    });
    expect(first.status).toBe(200);
    const { trackingId } = first.body;
    const job = (key: string) => send('GET', `${ingest.url}/api/model-train/status/${trackingId}`, { key });

    // Bob cannot see, cancel, fill or abort (an oversize chunk aborted uploads before) Alice's upload.
    expect((await job(keys.bob)).status).toBe(404);
    expect((await send('GET', `${ingest.url}/api/model-train/jobs/${trackingId}`, { key: keys.bob })).status).toBe(404);
    expect((await send('POST', `${ingest.url}/api/model-train/${trackingId}/cancel`, { key: keys.bob, json: {} })).status).toBe(404);
    const oversize = await send('POST', `${ingest.url}/api/model-train/start`, {
      key: keys.bob,
      form: chunkForm({ filename: 'penguins.csv', chunkIndex: 1, totalChunks: 2, trackingId }, Buffer.alloc(26 * 1024 * 1024, 0x61)),
    });
    expect(oversize.status).toBe(404);
    const bulk = await send<{ results: { outcome: string }[] }>('POST', `${ingest.url}/api/model-train/cancel`, {
      key: keys.bob,
      json: { trackingIds: [trackingId] },
    });
    expect(bulk.body.results).toEqual([expect.objectContaining({ outcome: 'not_found' })]);

    const last = await send<{ status: string; datasetId: string }>('POST', `${ingest.url}/api/model-train/start`, {
      key: keys.alice,
      form: chunkForm({ filename: 'penguins.csv', chunkIndex: 1, totalChunks: 2, trackingId }, csv.subarray(half)),
    });
    expect(last.status).toBe(200);
    const mine = await job(keys.alice);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ ownerId: names.alice });
    expect((await job(keys.admin)).status).toBe(200);

    const listed = async (key: string) =>
      (
        (await send<{ items: { trackingId: string }[] }>('GET', `${ingest.url}/api/model-train/status?limit=500`, { key })).body.items ?? []
      ).map((i) => i.trackingId);
    expect(await listed(keys.alice)).toContain(trackingId);
    expect(await listed(keys.bob)).not.toContain(trackingId);
    expect(await listed(keys.admin)).toContain(trackingId);

    const datasetId = last.body.datasetId ?? (mine.body as { datasetId?: string }).datasetId;
    expect(datasetId).toMatch(/^ds-/);
    expect((await send('GET', `${ingest.url}/api/datasets/${datasetId}`, { key: keys.alice })).status).toBe(200);
    expect((await send('GET', `${ingest.url}/api/datasets/${datasetId}`, { key: keys.bob })).status).toBe(404);
    expect((await send('DELETE', `${ingest.url}/api/datasets/${datasetId}`, { key: keys.bob })).status).toBe(404);
    const train = await send('POST', `${ingest.url}/api/datasets/${datasetId}/train`, { key: keys.bob, json: { target: 'species' } });
    expect(train.status).toBe(404);
    const bobs = await send<{ items: { datasetId: string }[] }>('GET', `${ingest.url}/api/datasets?limit=500`, { key: keys.bob });
    expect(bobs.body.items.map((d) => d.datasetId)).not.toContain(datasetId);
  });

  it("keeps a model name out of another owner's reach in inference", async () => {
    const mlflow = new MlflowClient(loadConfig());
    const name = `access-${run}`;
    await mlflow.ensureRegisteredModel(name, 'access e2e', [{ key: MODEL_OWNER_TAG, value: names.alice }]);
    const model = (key: string) => send('GET', `${inference.url}/api/models/${name}`, { key });
    expect((await model(keys.alice)).status).toBe(200);
    expect((await model(keys.admin)).status).toBe(200);
    const hidden = await model(keys.bob);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual((await model(keys.bob)).body);
    expect(String(hidden.body.message)).toContain(`No registered model is named "${name}"`);
    const alias = await send('PUT', `${inference.url}/api/models/${name}/aliases/champion`, { key: keys.bob, json: { version: '1' } });
    expect(alias.status).toBe(404);
    const predict = await send('POST', `${inference.url}/api/predict`, {
      key: keys.admin,
      json: { modelId: `models:/${name}/1`, features: [{}] },
    });
    expect(predict.status).not.toBe(401);
    const list = await send<{ models: { name: string }[] }>('GET', `${inference.url}/api/models?name=${name}`, { key: keys.bob });
    expect(list.body.models).toEqual([]);
    const aliceList = await send<{ models: { name: string }[] }>('GET', `${inference.url}/api/models?name=${name}`, { key: keys.alice });
    expect(aliceList.body.models.map((m) => m.name)).toEqual([name]);
  });

  it("puts admin actions on the audit trail, naming who acted: key creations, a cancel of another owner's job", async () => {
    const csv = penguinsCsv(run);
    const first = await send<{ trackingId: string }>('POST', `${ingest.url}/api/model-train/start`, {
      key: keys.alice,
      form: chunkForm({ filename: 'penguins.csv', chunkIndex: 0, totalChunks: 2, target: 'species' }, csv.subarray(0, 200)),
    });
    expect(first.status).toBe(200);
    const me = (await send<{ keyId: string }>('GET', `${ingest.url}/api/auth/me`, { key: keys.admin })).body;
    const cancel = await send('POST', `${ingest.url}/api/model-train/${first.body.trackingId}/cancel`, {
      key: keys.admin,
      json: { reason: 'audit' },
    });
    expect(cancel.status).toBe(202);
    type Page = { items: { action: string; actor: string; target: string; ownerId: string; details: Record<string, unknown> }[] };
    const trail = async () => (await send<Page>('GET', `${ingest.url}/api/audit?limit=500`, { key: keys.admin })).body.items ?? [];
    let items: Page['items'] = [];
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      items = await trail();
      if (items.some((i) => i.target === first.body.trackingId) && items.some((i) => i.details.name === names.alice)) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'key.created',
          actor: 'cli',
          ownerId: names.alice,
          details: { name: names.alice, scopes: ['read', 'train'] },
        }),
        expect.objectContaining({
          action: 'job.cancelled',
          actor: `${names.admin}/${me.keyId}`,
          target: first.body.trackingId,
          ownerId: names.alice,
          details: { reason: 'audit' },
        }),
      ]),
    );
    expect((await send('GET', `${ingest.url}/api/audit`, { key: keys.alice })).status).toBe(403);
  });

  it('answers 429 with Retry-After to a key over its prediction rate, and only to that key', async () => {
    const predict = (key: string) =>
      send('POST', `${inference.url}/api/predict`, { key, json: { modelId: `models:/none-${run}/1`, features: [{ x: 1 }] } });
    expect((await predict(keys.predictor)).status).toBe(404);
    const limited = await predict(keys.predictor);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.body).toMatchObject({ error: 'TooManyRequestsError', retryable: true });
    expect(String(limited.body.message)).toContain('prediction requests a minute');
    expect((await predict(keys.alice)).status).toBe(403); // another key: its own bucket (and no predict scope)
  });

  it('stops accepting a key once it is revoked', async () => {
    expect((await send('GET', `${ingest.url}/api/model-train/status`, { key: keys.bob })).status).toBe(200);
    const revoked = await keysCli('revoke', names.bob);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain('revoked');
    const after = await send('GET', `${ingest.url}/api/model-train/status`, { key: keys.bob });
    expect(after.status).toBe(401);
    expect(String(after.body.message)).toContain('revoked');
  });
});
