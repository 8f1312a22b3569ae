/**
 * Datasets as a resource, end to end on the real apps: a real CSV (penguins) uploaded once in chunks with
 * train=false becomes a dataset (profile, preview, in the list), is trained three times by POST
 * /api/datasets/:id/train without a re-upload, cannot be deleted while a job of it runs, and is gone for good
 * once deleted. JSON rows (POST /api/train) become a dataset and a job. Bad input gets clear 4xx answers.
 */
import { RunningApp, startApp, startTogether } from './support/app-process';
import { penguinsCsv, sendJson as send } from './support/datasets-client';
import { chunksOf, getJson, uploadFile } from './support/ingest-client';
import { runId } from './support/history-harness';
import { eventually } from './support/stack';

jest.setTimeout(420_000);

const run = runId();
const FAMILIES = ['logistic_regression', 'mlp_classifier', 'logistic_regression'] as const;

interface Dataset {
  datasetId: string;
  filename: string;
  rows: number;
  size: number;
  storageBytes: number;
  columns: { name: string; type: string; missing: number; distinct: number }[];
  preview?: { columns: string[]; rows: (string | null)[][] };
  objectKeys: string[];
}
interface Job {
  trackingId: string;
  status: string;
  stage: string | null;
  datasetId?: string | null;
  modelId: string | null;
  error: string | null;
}

describe('datasets: upload once, train many times', () => {
  let ingest: RunningApp;
  let trainer: RunningApp;
  const file = penguinsCsv(run);
  let datasetId: string;
  let uploadId: string;

  const status = async (id: string) => (await getJson<Job>(`${ingest.url}/api/model-train/status/${id}`)).body;
  const final = async (id: string) => {
    await eventually(async () => ['completed', 'failed', 'cancelled'].includes((await status(id)).status), 300_000, 1000);
    return status(id);
  };

  beforeAll(async () => {
    [ingest, trainer] = await startTogether([startApp('ingest', 3441), startApp('trainer', 3442)]);
  });
  afterAll(async () => {
    await Promise.all([ingest?.stop(), trainer?.stop()]);
  });

  it('train=false: the upload completes into a dataset and no job starts', async () => {
    const answers = await uploadFile(ingest.url, file, chunksOf(file, 4096), { filename: `penguins-${run}.csv`, train: 'false' });
    const last = answers.at(-1)!;
    expect(answers.length).toBeGreaterThan(2);
    expect(last.datasetId).toMatch(/^ds-[0-9a-f]{24}$/);
    datasetId = last.datasetId!;
    uploadId = last.trackingId;
    expect(await status(uploadId)).toMatchObject({ status: 'completed', stage: 'uploaded', modelId: null, datasetId });

    const { body: dataset } = await getJson<Dataset>(`${ingest.url}/api/datasets/${datasetId}`);
    expect(dataset).toMatchObject({ datasetId, filename: `penguins-${run}.csv`, rows: 344, size: file.length, storageBytes: file.length });
    expect(dataset.columns.find((c) => c.name === 'species')).toMatchObject({ type: 'categorical', missing: 0, distinct: 3 });
    expect(dataset.columns.find((c) => c.name === 'bill_length_mm')).toMatchObject({ type: 'numeric', missing: 2 });
    expect(dataset.preview!.columns[0]).toBe('species');
    expect(dataset.preview!.rows).toHaveLength(10);

    const { body: list } = await getJson<{ items: Dataset[]; total: number }>(`${ingest.url}/api/datasets?limit=500`);
    expect(list.items.map((d) => d.datasetId)).toContain(datasetId);
  });

  it('the same bytes uploaded again are the same dataset', async () => {
    const answers = await uploadFile(ingest.url, file, chunksOf(file, 8192), { filename: `again-${run}.csv`, train: 'false' });
    expect(answers.at(-1)!.datasetId).toBe(datasetId);
  });

  it('trains the dataset three times without a re-upload; a running job blocks its deletion', async () => {
    const jobs: string[] = [];
    for (const modelType of FAMILIES) {
      const { status: code, body } = await send<Job>('POST', `${ingest.url}/api/datasets/${datasetId}/train`, {
        target: 'species',
        modelType,
        params: { epochs: 3 },
        modelName: `datasets-${run}`,
      });
      expect(code).toBe(202);
      // The answer reads the live status: a quick trainer may have started (or finished) the job already.
      expect(body).toMatchObject({ status: expect.stringMatching(/^(pending|running|completed)$/), datasetId });
      jobs.push(body.trackingId);
    }
    const blocked = await send<{ message: string }>('DELETE', `${ingest.url}/api/datasets/${datasetId}`);
    expect(blocked.status).toBe(409);
    expect(blocked.body.message).toMatch(/in use by \d+ pending or running job/);

    const done = await Promise.all(jobs.map(final));
    for (const job of done) expect(job).toMatchObject({ status: 'completed', datasetId, error: null });
    expect(new Set(done.map((j) => j.modelId)).size).toBe(3);
    await eventually(async () => {
      const { body } = await getJson<{ datasetId: string | null; status: string }>(`${ingest.url}/api/model-train/jobs/${jobs[0]}`);
      return body.datasetId === datasetId && body.status === 'completed';
    }, 30_000);
    // the history finds a dataset's jobs by its id (the upload that made it is one of them, stage "uploaded")
    const { body: trained } = await getJson<{ items: { trackingId: string; stage: string }[] }>(
      `${ingest.url}/api/model-train/jobs?datasetId=${datasetId}&limit=100`,
    );
    expect(trained.items.filter((j) => j.stage !== 'uploaded').map((j) => j.trackingId)).toEqual(expect.arrayContaining(jobs));
  });

  it('JSON rows (POST /api/train) become a dataset and a job', async () => {
    // ~250 kB of JSON: more than Express's default 100 kB body limit.
    const rows = Array.from({ length: 4000 }, (_, i) => ({
      x1: i,
      x2: (i * 7) % 11,
      label: (i * 7) % 11 > 5 ? 'high' : 'low',
      note: i % 5 ? `n${i}` : null,
    }));
    const { status: code, body } = await send<Job>('POST', `${ingest.url}/api/train`, {
      rows,
      target: 'label',
      params: { epochs: 2 },
      modelName: `rows-${run}`,
    });
    expect(code).toBe(202);
    expect(body.datasetId).toMatch(/^ds-/);
    const { body: dataset } = await getJson<Dataset>(`${ingest.url}/api/datasets/${body.datasetId}`);
    expect(dataset).toMatchObject({ rows: 4000, filename: 'rows.csv' });
    expect(dataset.columns.map((c) => c.name)).toEqual(['x1', 'x2', 'label', 'note']);
    expect(await final(body.trackingId)).toMatchObject({ status: 'completed' });
  });

  it('bad input gets a clear 4xx and changes nothing', async () => {
    const cases: [string, string, unknown, number, RegExp][] = [
      ['POST', `/api/datasets/${datasetId}/train`, { target: 'nope' }, 400, /nope/],
      ['POST', `/api/datasets/${datasetId}/train`, { modelType: 'magic' }, 400, /magic/],
      ['POST', `/api/datasets/${datasetId}/train`, { params: { epochs: -1 } }, 400, /epochs/],
      ['POST', '/api/datasets/ds-unknown/train', {}, 404, /No dataset/],
      ['GET', '/api/datasets/ds-unknown', undefined, 404, /No dataset/],
      ['POST', '/api/train', { rows: [] }, 400, /at least one row/],
      ['POST', '/api/train', { rows: [{ x: { deep: 1 } }] }, 400, /rows\[0\]\.x is an object/],
      ['POST', '/api/train', { rows: [{ x: 1, y: 'a' }], target: 'z' }, 400, /z/],
    ];
    for (const [method, path, body, code, message] of cases) {
      const res = await send<{ message: string | string[] }>(method, `${ingest.url}${path}`, body);
      expect({ path, status: res.status }).toEqual({ path, status: code });
      expect(String(res.body.message)).toMatch(message);
    }
    const badTrain = await uploadFile(ingest.url, file, [file], { filename: 'x.csv', train: 'maybe' }).catch((e: Error) => e.message);
    expect(String(badTrain)).toMatch(/400.*train must be true or false/);
  });

  it('a deleted dataset is gone for good: 404, out of the list, its objects removed', async () => {
    const res = await send<{ deleted: boolean; freedBytes: number }>('DELETE', `${ingest.url}/api/datasets/${datasetId}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ datasetId, deleted: true, freedBytes: file.length });
    expect((await getJson(`${ingest.url}/api/datasets/${datasetId}`)).status).toBe(404);
    const { body: list } = await getJson<{ items: Dataset[] }>(`${ingest.url}/api/datasets?limit=500`);
    expect(list.items.map((d) => d.datasetId)).not.toContain(datasetId);
    expect((await send('POST', `${ingest.url}/api/datasets/${datasetId}/train`, {})).status).toBe(404);
  });
});
