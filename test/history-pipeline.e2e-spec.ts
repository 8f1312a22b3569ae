/**
 * The job history of real jobs, end to end: CSVs uploaded in chunks through the ingest API, trained by the
 * real trainer app (built, started here), one completed, one failed (a target with a single class), one
 * cancelled through the API while it trains. The history API returns each job's full life from MariaDB,
 * and a replay of the topics into a fresh database rebuilds the same rows.
 */
import { replayJobTopics } from '@modelstream/ingest-ops';
import { RunningApp, startApp, startTogether } from './support/app-process';
import { makeCsv } from './support/ingest-csv';
import { chunksOf, sha256Hex, uploadFile } from './support/ingest-client';
import {
  deleteGroup,
  getJson,
  harness,
  HistoryHarness,
  historyGroupOf,
  historySnapshot,
  postJson,
  runId,
  startIngest,
  testDatabase,
  TestDatabase,
} from './support/history-harness';
import { eventually } from './support/stack';

jest.setTimeout(600_000);

interface JobView {
  status: string;
  progress: number;
  stage: string | null;
  error: string | null;
  modelId: string | null;
  mlflowRunId: string | null;
  dataset: { sha256: string; columns: string[] };
  settings: { target: string; modelType: string; hyperparameters: Record<string, unknown>; training: Record<string, unknown> | null };
  upload: { receivedChunks: number; totalChunks: number };
  transitions: Array<{ status: string; at: string }>;
  epochs: Array<{ epoch: number; metrics: Record<string, number> }>;
  metrics: Record<string, number>;
}

const run = runId();

describe('history of real jobs (ingest upload → trainer → history)', () => {
  let h: HistoryHarness;
  let db: TestDatabase;
  let ingest: RunningApp;
  let trainer: RunningApp;
  const dbs: TestDatabase[] = [];
  const job = (id: string) => getJson<JobView>(`${ingest.url}/api/model-train/jobs/${id}`);
  // Final, and its request applied too (the projector reads four topics with no order between them).
  const final = async (id: string) => {
    await eventually(
      async () => {
        const { body } = await job(id);
        return ['completed', 'failed', 'cancelled'].includes(body.status) && !!body.dataset?.sha256;
      },
      240_000,
      1000,
    );
    return (await job(id)).body;
  };
  const upload = async (csv: Buffer, params: Record<string, unknown>, modelType = 'logistic_regression') => {
    const answers = await uploadFile(ingest.url, csv, chunksOf(csv, Math.ceil(csv.length / 2)), {
      filename: `history-pipeline-${run}.csv`,
      target: 'y',
      modelType,
      params: JSON.stringify(params),
      modelName: `history-pipeline-${run}`,
    });
    return answers[0].trackingId;
  };

  beforeAll(async () => {
    h = harness();
    db = await testDatabase(h.config, 'pipe');
    [ingest, trainer] = await startTogether([startIngest(3153, db.name), startApp('trainer', 3154)]);
  });

  afterAll(async () => {
    await Promise.allSettled([ingest?.stop(), trainer?.stop()]);
    if (db) await deleteGroup(h.kafka, historyGroupOf(db.name));
    await Promise.allSettled([db?.drop(), ...dbs.map((d) => d.drop())]);
    await h?.close();
  });

  it('records a completed, a failed and a cancelled job, each with its full life, equal to a replay', async () => {
    const good = makeCsv({ rows: 300, seed: 7 });
    const completedId = await upload(good, { solver: 'adam', epochs: 4 });
    const singleClass = Buffer.from(good.toString().replace(/,[abc]\n/g, ',a\n'));
    const failedId = await upload(singleClass, { solver: 'adam', epochs: 4 });
    const slowId = await upload(makeCsv({ rows: 3000, seed: 9 }), { epochs: 1000, batchSize: 8 }, 'mlp_classifier');

    // Cancel the slow job once it trains.
    expect(await eventually(async () => (await job(slowId)).body.epochs?.length > 0, 240_000, 1000)).toBe(true);
    expect((await postJson(`${ingest.url}/api/model-train/${slowId}/cancel`, { reason: 'history test cancels it' })).status).toBeLessThan(
      300,
    );

    const completed = await final(completedId);
    expect(completed).toMatchObject({ status: 'completed', progress: 100, upload: { receivedChunks: 2, totalChunks: 2 } });
    expect(completed.dataset.sha256).toBe(sha256Hex(good));
    expect(completed.dataset.columns).toEqual(['x1', 'x2', 'x3', 'colour', 'y']);
    expect(completed.settings).toMatchObject({ target: 'y', modelType: 'logistic_regression', hyperparameters: { epochs: 4 } });
    expect(completed.settings.training).not.toBeNull();
    expect(completed.transitions.map((t) => t.status)).toEqual(['pending', 'running', 'completed']);
    expect(completed.epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4]);
    expect(Object.keys(completed.epochs[0].metrics)).toContain('loss');
    expect(completed.metrics.accuracy).toBeGreaterThan(0);
    expect(completed.modelId).toMatch(new RegExp(`^models:/history-pipeline-${run}/\\d+$`));
    expect(completed.mlflowRunId).toBeTruthy();

    const failed = await final(failedId);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/single class/);
    expect(failed.transitions.map((t) => t.status)).toEqual(expect.arrayContaining(['pending', 'failed']));

    const cancelled = await final(slowId);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.transitions.map((t) => t.status)).toEqual(['pending', 'running', 'cancelled']);
    expect(cancelled.epochs.length).toBeGreaterThan(0);
    expect(cancelled.epochs.length).toBeLessThan(1000);

    const ids = [completedId, failedId, slowId];
    const rebuilt = await testDatabase(h.config, 'pipereplay');
    dbs.push(rebuilt);
    await replayJobTopics({ kafka: h.kafka, codec: h.codec, database: rebuilt.ds });
    expect(await historySnapshot(rebuilt.ds, ids)).toEqual(await historySnapshot(db.ds, ids));
  });
});
