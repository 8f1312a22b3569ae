/**
 * Bulk cancel end to end (POST /api/model-train/cancel) against the built ingest app: named jobs answered one
 * by one, a selection by status and creation time read from the job history, and the 400s. Pending jobs are
 * uploads whose first chunk of two arrived (no trainer needed).
 */
import { randomUUID } from 'node:crypto';
import { RunningApp, startApp } from './support/app-process';
import { ApiAnswer, getJson, postChunk, splitIntoChunks } from './support/ingest-client';
import { makeCsv, uniqueFilename } from './support/ingest-csv';

jest.setTimeout(180_000);

let app: RunningApp;

beforeAll(async () => {
  app = await startApp('ingest', 3471);
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

interface BulkAnswer {
  results: Array<{ trackingId: string; outcome: string; status: string | null }>;
  cancelled: number;
  truncated: boolean;
  message?: string | string[];
}

const messageOf = (body: { message?: string | string[] }) => [body.message ?? ''].flat().join(' ');

const bulkCancel = (body: unknown): Promise<ApiAnswer<BulkAnswer>> =>
  getJson<BulkAnswer>(`${app.url}/api/model-train/cancel`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** A pending job: the first chunk of a two-chunk upload. */
async function pendingUpload(): Promise<{ trackingId: string; filename: string; rest: Buffer }> {
  const [first, rest] = splitIntoChunks(makeCsv({ rows: 60 }), 2);
  const filename = uniqueFilename('bulk-cancel');
  const res = await postChunk(app.url, { filename, chunkIndex: 0, totalChunks: 2, target: 'y' }, first);
  expect(res.status).toBe(200);
  return { trackingId: res.body.trackingId, filename, rest };
}

/** Waits until the job history (MariaDB, fed by the projector) shows the job with `status`. */
async function inHistory(trackingId: string, status: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await getJson<{ status?: string }>(`${app.url}/api/model-train/jobs/${trackingId}`);
    if (res.status === 200 && res.body.status === status) return;
    if (Date.now() > deadline) throw new Error(`job ${trackingId} is not ${status} in the history: ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('POST /api/model-train/cancel', () => {
  it('answers 400 to a body with no selector, and to bad selectors', async () => {
    for (const body of [{}, { reason: 'cleanup' }]) {
      const res = await bulkCancel(body);
      expect(res.status).toBe(400);
      expect(messageOf(res.body)).toContain('name trackingIds, sweepId, status or createdBefore — bulk cancel never cancels everything');
    }
    const tooMany = await bulkCancel({ trackingIds: Array.from({ length: 1001 }, () => randomUUID()) });
    expect(tooMany.status).toBe(400);
    expect(messageOf(tooMany.body)).toMatch(/at most 1000/);
    const finalStatus = await bulkCancel({ status: 'completed' });
    expect(finalStatus.status).toBe(400);
    expect(messageOf(finalStatus.body)).toMatch(/status must be one of pending, running/);
    const badTime = await bulkCancel({ createdBefore: 'yesterday' });
    expect(badTime.status).toBe(400);
    expect(messageOf(badTime.body)).toMatch(/createdBefore must be an ISO 8601 time/);
  });

  it('cancels named jobs one by one: cancelled, then already final; unknown ones not found; the upload takes no more chunks', async () => {
    const job = await pendingUpload();
    const unknown = randomUUID();

    const first = await bulkCancel({ trackingIds: [job.trackingId, unknown], reason: 'wrong file' });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      results: [
        { trackingId: job.trackingId, outcome: 'cancelled', status: 'cancelled' },
        { trackingId: unknown, outcome: 'not_found', status: null },
      ],
      cancelled: 1,
      truncated: false,
    });
    const status = await getJson(`${app.url}/api/model-train/status/${job.trackingId}`);
    expect(status.body).toMatchObject({ status: 'cancelled' });

    const again = await bulkCancel({ trackingIds: [job.trackingId] });
    expect(again.body).toMatchObject({
      results: [{ trackingId: job.trackingId, outcome: 'already_final', status: 'cancelled' }],
      cancelled: 0,
    });

    const late = await postChunk(app.url, { filename: job.filename, chunkIndex: 1, totalChunks: 2, trackingId: job.trackingId }, job.rest);
    expect(late.status).toBe(409);
    expect(messageOf(late.body)).toMatch(/was cancelled/);
  });

  it('selects by status and createdBefore in the job history (combined with named jobs as an intersection)', async () => {
    const older = await pendingUpload();
    await new Promise((r) => setTimeout(r, 50));
    const cutoff = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 50));
    const newer = await pendingUpload();
    await Promise.all([inHistory(older.trackingId, 'pending'), inHistory(newer.trackingId, 'pending')]);

    const both = [older.trackingId, newer.trackingId];
    const res = await bulkCancel({ trackingIds: both, status: 'pending', createdBefore: cutoff });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      results: [{ trackingId: older.trackingId, outcome: 'cancelled', status: 'cancelled' }],
      cancelled: 1,
      truncated: false,
    });
    expect((await getJson(`${app.url}/api/model-train/status/${newer.trackingId}`)).body).toMatchObject({ status: 'pending' });

    // By status alone: the newer job is among the pending ones; the cancelled one is not selected again.
    await inHistory(older.trackingId, 'cancelled');
    const pending = await bulkCancel({ status: 'pending' });
    expect(pending.status).toBe(200);
    const ids = pending.body.results.map((r) => r.trackingId);
    expect(ids).toContain(newer.trackingId);
    expect(ids).not.toContain(older.trackingId);
    expect(pending.body.results.find((r) => r.trackingId === newer.trackingId)).toEqual({
      trackingId: newer.trackingId,
      outcome: 'cancelled',
      status: 'cancelled',
    });
    expect(pending.body.cancelled).toBe(pending.body.results.filter((r) => r.outcome === 'cancelled').length);
  });

  it("selects a sweep's jobs by sweepId (none for a sweep that has none)", async () => {
    const res = await bulkCancel({ sweepId: `sw-${randomUUID()}` });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ results: [], cancelled: 0, truncated: false });
  });

  it('still routes POST /api/model-train/:trackingId/cancel to the single cancel', async () => {
    const job = await pendingUpload();
    const res = await getJson(`${app.url}/api/model-train/${job.trackingId}/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'one job' }),
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ trackingId: job.trackingId, status: 'cancelled' });
  });
});
