/**
 * Retention of abandoned uploads end to end: the built ingest app with UPLOAD_ABANDON_AFTER_MS=3000 and a
 * short sweep interval discards an upload whose second chunk never comes — its chunk leaves the object store,
 * the job fails in the live status and the history, a late chunk gets 409 — and leaves complete uploads alone.
 */
import { loadConfig } from '@modelstream/config';
import { ObjectStore } from '@modelstream/storage';
import { RunningApp, startApp } from './support/app-process';
import { getJson, postChunk, splitIntoChunks } from './support/ingest-client';
import { makeCsv, uniqueFilename } from './support/ingest-csv';

jest.setTimeout(180_000);

const config = loadConfig();
const store = new ObjectStore(config);
const ABANDONED = 'Upload aborted: no chunk arrived for 3 s, so the upload was abandoned and its chunks deleted; start the upload again.';

let app: RunningApp;

beforeAll(async () => {
  app = await startApp('ingest', 3473, { UPLOAD_ABANDON_AFTER_MS: '3000', WATCHDOG_INTERVAL_MS: '500', WATCHDOG_SCOPE_PREFIX: '' });
}, 120_000);

afterAll(async () => {
  await app?.stop();
  store.onApplicationShutdown();
});

const messageOf = (body: { message?: string | string[] }) => [body.message ?? ''].flat().join(' ');

/** Polls `url` until `done` holds for its body (30 s at most). */
async function waitFor<T>(url: string, done: (body: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await getJson<T>(url);
    if (res.status === 200 && done(res.body)) return res.body;
    if (Date.now() > deadline) throw new Error(`${url} never got there: ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('abandoned uploads', () => {
  it('are discarded after UPLOAD_ABANDON_AFTER_MS: chunks deleted, job failed, a late chunk refused', async () => {
    const [first, second] = splitIntoChunks(makeCsv({ rows: 80 }), 2);
    const filename = uniqueFilename('abandoned');
    const started = await postChunk(app.url, { filename, chunkIndex: 0, totalChunks: 2, target: 'y' }, first);
    expect(started.status).toBe(200);
    const { trackingId } = started.body;
    const whole = await postChunk(
      app.url,
      { filename: uniqueFilename('whole'), chunkIndex: 0, totalChunks: 1, target: 'y' },
      makeCsv({ rows: 40 }),
    );
    expect(whole.status).toBe(200);
    expect(await store.list(config.S3_BUCKET_UPLOADS, `uploads/${trackingId}/`)).toHaveLength(1);

    const status = await waitFor<{ status: string; error: string | null }>(
      `${app.url}/api/model-train/status/${trackingId}`,
      (s) => s.status !== 'pending',
    );
    expect(status).toMatchObject({ status: 'failed', error: ABANDONED });
    await waitFor<{ status: string }>(`${app.url}/api/model-train/jobs/${trackingId}`, (j) => j.status === 'failed').then((job) =>
      expect(job).toMatchObject({ status: 'failed', error: ABANDONED }),
    );
    expect(await store.list(config.S3_BUCKET_UPLOADS, `uploads/${trackingId}/`)).toEqual([]);

    const late = await postChunk(app.url, { filename, chunkIndex: 1, totalChunks: 2, trackingId }, second);
    expect(late.status).toBe(409);
    expect(messageOf(late.body)).toMatch(/was aborted \(no chunk arrived for 3 s, so the upload was abandoned/);

    // A complete upload (its training requested) is not an abandoned one.
    const complete = (await getJson<{ status: string; error: string | null }>(`${app.url}/api/model-train/status/${whole.body.trackingId}`))
      .body;
    expect(complete.status).not.toBe('failed');
    expect(complete.error).toBeNull();
  });
});
