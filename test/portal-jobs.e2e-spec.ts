/**
 * The Jobs page in a real Chromium, in front of ingest, trainer, inference and the portal on this spec's ports:
 * with 5,000 jobs in the history (published as real job events to the test namespace, projected by the app)
 * it renders a page, filters by status and pages (both timed), shows a new job and its cancellation live
 * (event → row timed), and cancels two unfinished trainings at once (one running, one queued behind it: one
 * trainer runs one job at a time), both turning `cancelled` without a reload. Screenshots in
 * .stack/screenshots/portal-jobs/.
 */
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { loadConfig } from '@modelstream/config';
import { TOPICS } from '@modelstream/contracts';
import { EventCodec, KafkaClient } from '@modelstream/kafka';
import { jobLife } from './support/history-events';
import { getJson, postChunk, splitIntoChunks } from './support/ingest-client';
import { makeCsv, uniqueFilename } from './support/ingest-csv';
import { launchChromium, newPage, type PortalApps, type PortalPage, shot, startPortalApps } from './support/portal-harness';

jest.setTimeout(600_000);

const SPEC = 'portal-jobs';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const SEED_JOBS = 5000;
/** The seeded jobs' file: how a later run in the same namespace finds them and tops them up. */
const SEED_FILE = 'portal-jobs-seed.csv';
const ROWS = 'table.jobs-table tbody tr';
let apps: PortalApps;
let browser: Browser;

beforeAll(async () => {
  [apps, browser] = await Promise.all([startPortalApps({ ingest: 3521, trainer: 3522, inference: 3523, portal: 3524 }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await apps?.stop();
});

async function historyTotal(query: Record<string, string>): Promise<number> {
  const res = await getJson<{ total: number }>(
    `${apps.ingest.url}/api/model-train/jobs?${new URLSearchParams({ ...query, pageSize: '1' })}`,
  );
  if (res.status !== 200) throw new Error(`the history answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.total;
}

/** Whether every consumer group of the namespace has handled every message (`GET /api/ops/consumers`). */
async function consumersCaughtUp(): Promise<boolean> {
  const res = await getJson<{ groups: { groupId: string; lag: number }[] }>(`${apps.ingest.url}/api/ops/consumers`);
  return res.status === 200 && res.body.groups.filter((g) => !g.groupId.startsWith('modelstream-trainer')).every((g) => g.lag === 0);
}

async function until(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * Tops the history up to `target` seeded jobs: each an upload, a start and an end (completed, failed or
 * cancelled) as the apps publish them, over the last days. The training requests are left out, so the
 * trainer this spec runs takes none of them up; the projectors build the rows as for any job.
 */
async function seedHistory(target: number): Promise<void> {
  const have = await historyTotal({ filename: SEED_FILE });
  if (have >= target) {
    console.log(`portal-jobs: ${have} seeded jobs already in the history, reused`);
    return;
  }
  const started = performance.now();
  const config = loadConfig();
  const kafka = new KafkaClient(config);
  const codec = new EventCodec(config);
  const endings = ['completed', 'completed', 'completed', 'failed', 'cancelled'] as const;
  const families = ['logistic_regression', 'mlp_classifier', 'linear_regression'];
  const keep = new Set(['UploadChunkReceived', 'TrainingStarted', 'TrainingCompleted', 'TrainingFailed', 'TrainingCancelled']);
  const batches = new Map<string, { key: string; value: Buffer }[]>();
  const base = Date.now() - 3 * 86_400_000;
  let events = 0;
  try {
    for (let j = 0; j < target - have; j++) {
      const life = jobLife({
        trackingId: randomUUID(),
        ending: endings[j % endings.length],
        epochs: 1,
        chunks: 1,
        filename: SEED_FILE,
        modelType: families[j % families.length],
        startAt: base + j * 30_000,
      });
      for (const { topic, event } of life.filter((e) => keep.has(e.event.type))) {
        const batch = batches.get(topic) ?? [];
        batches.set(topic, batch);
        batch.push({ key: event.trackingId, value: await codec.encode(TOPICS[topic], event) });
        events++;
      }
    }
    for (const [topic, messages] of batches) {
      for (let at = 0; at < messages.length; at += 1000)
        await kafka.send(TOPICS[topic as keyof typeof TOPICS].name, messages.slice(at, at + 1000));
    }
  } finally {
    await kafka.onApplicationShutdown();
  }
  const published = performance.now();
  await until('the seeded jobs in the history', async () => (await historyTotal({ filename: SEED_FILE })) >= target, 120_000);
  await until('the projectors caught up', consumersCaughtUp, 60_000);
  console.log(
    `portal-jobs: seeded ${target - have} jobs (${events} events) in ${((published - started) / 1000).toFixed(1)} s, ` +
      `projected in ${((performance.now() - published) / 1000).toFixed(1)} s more`,
  );
}

/** A training upload in one chunk, long enough (many epochs of an MLP) not to end during the test. */
async function longTraining(name: string): Promise<string> {
  const res = await postChunk(
    apps.ingest.url,
    {
      filename: uniqueFilename(name),
      chunkIndex: 0,
      totalChunks: 1,
      target: 'y',
      modelType: 'mlp_classifier',
      params: JSON.stringify({ epochs: 1000, batchSize: 8, hiddenLayers: [64, 64] }),
      modelName: name,
    },
    makeCsv({ rows: 4000, seed: 7 }),
  );
  expect(res.status).toBe(200);
  return res.body.trackingId;
}

/**
 * Milliseconds from navigation start (the page's clock) until the table has settled (not busy) with rows,
 * all of `status` when given.
 */
async function rowsReadyAt(page: PortalPage, status?: string): Promise<number> {
  const handle = await page.waitForFunction(
    `(() => {
      const table = document.querySelector('table.jobs-table');
      const rows = [...document.querySelectorAll(${JSON.stringify(ROWS)})];
      const want = ${JSON.stringify(status ?? null)};
      const ready = !!table && table.getAttribute('aria-busy') === 'false' && rows.length > 0;
      return ready && (!want || rows.every((r) => r.getAttribute('data-status') === want)) && performance.now();
    })()`,
    undefined,
    { polling: 'raf', timeout: 30_000 },
  );
  return (await handle.jsonValue()) as number;
}

/** Where the time of a first render went: the document, the scripts, the history request (page clock, ms). */
async function timeline(page: PortalPage): Promise<string> {
  const entries = (await page.evaluate(
    `performance.getEntries().filter((e) => e.entryType === 'navigation' || e.entryType === 'resource').map((e) => ({ name: e.name, start: e.startTime, end: e.responseEnd }))`,
  )) as { name: string; start: number; end: number }[];
  const pick = (re: RegExp) => entries.filter((e) => re.test(e.name));
  const span = (label: string, es: { start: number; end: number }[]) =>
    es.length
      ? `${label} ${Math.round(Math.min(...es.map((e) => e.start)))}–${Math.round(Math.max(...es.map((e) => e.end)))}`
      : `${label} –`;
  return [
    span('document', entries.slice(0, 1)),
    span('scripts', pick(/\/assets\/.*\.js$/)),
    span('history request', pick(/\/api\/model-train\/jobs\?/)),
  ].join(', ');
}

const rowOf = (page: PortalPage, trackingId: string) => page.locator(`tr[data-tracking-id="${trackingId}"]`);

describe('the Jobs page', () => {
  it('with 5,000 jobs in the history: renders a page, filters by status and pages, fast', async () => {
    await seedHistory(SEED_JOBS);
    const page = await newPage(browser, DESKTOP);
    await page.goto(`${apps.portalUrl}/jobs`);
    const rendered = await rowsReadyAt(page);
    console.log(
      `portal-jobs: /jobs with ${SEED_JOBS} jobs in the history: rows visible ${Math.round(rendered)} ms after navigation start (${await timeline(page)})`,
    );
    await page.goto(`${apps.portalUrl}/`);
    await page.evaluate(
      `document.querySelector('nav a[href="/jobs"]').addEventListener('click', () => (window.clickedAt = performance.now()))`,
    );
    await page.getByRole('link', { name: 'Jobs', exact: true }).click();
    const again = (await rowsReadyAt(page)) - ((await page.evaluate('window.clickedAt')) as number);
    console.log(
      `portal-jobs: /jobs again from the Train page's link (scripts cached): rows visible ${Math.round(again)} ms after the click`,
    );
    expect(await page.locator(ROWS).count()).toBe(50);
    expect(Number((await page.getByTestId('jobs-total').textContent())!.replace(/,/g, ''))).toBeGreaterThanOrEqual(SEED_JOBS);
    const href = await page.locator(`${ROWS} .col-model a`).first().getAttribute('href');
    // A job's page, whatever its trackingId: the history keeps other suites' and earlier runs' jobs, not only UUIDs.
    expect(href).toMatch(/^\/jobs\/[^/?#]+$/);
    await page.locator('.stream-badge.live').waitFor();
    await shot(page, SPEC, 'jobs-1280');

    const status = page.getByLabel('Status');
    await page.evaluate(
      `document.querySelector('.jobs-filters select').addEventListener('change', () => (window.chosenAt = performance.now()), { once: true })`,
    );
    await status.selectOption('failed');
    const filtered = await rowsReadyAt(page, 'failed');
    const chose = (await page.evaluate('window.chosenAt')) as number;
    console.log(`portal-jobs: status filter (failed) answered ${Math.round(filtered - chose)} ms after the choice`);
    expect(new URL(page.url()).search).toBe('?status=failed');
    const failedTotal = await historyTotal({ status: 'failed' });
    expect(await page.getByTestId('jobs-total').textContent()).toBe(failedTotal.toLocaleString('en'));

    await page.getByRole('button', { name: 'Older →' }).click();
    await page.waitForURL(/[?&]page=2/);
    await rowsReadyAt(page, 'failed');
    await page.getByText(`page 2 of ${Math.ceil(failedTotal / 50)}`).waitFor();
    await page.reload();
    await rowsReadyAt(page, 'failed');
    expect(await page.getByLabel('Status').inputValue()).toBe('failed');
    await shot(page, SPEC, 'jobs-failed-page2-1280', { fullPage: true });
    expect(page.problems()).toEqual([]);
    await page.context().close();

    const phone = await newPage(browser, PHONE);
    await phone.goto(`${apps.portalUrl}/jobs`);
    await rowsReadyAt(phone);
    await shot(phone, SPEC, 'jobs-390');
    expect(phone.problems()).toEqual([]);
    await phone.context().close();
  });

  it('shows a new job at the top of page 1 and its cancellation live, timing the event against the row', async () => {
    const page = await newPage(browser, DESKTOP);
    await page.goto(`${apps.portalUrl}/jobs`);
    await rowsReadyAt(page);
    await page.locator('.stream-badge.live').waitFor();

    // a pending job: the first chunk of two (no trainer involved)
    const [first] = splitIntoChunks(makeCsv({ rows: 40 }), 2);
    const res = await postChunk(
      apps.ingest.url,
      { filename: uniqueFilename('portal-live'), chunkIndex: 0, totalChunks: 2, target: 'y' },
      first,
    );
    expect(res.status).toBe(200);
    const id = res.body.trackingId;
    await rowOf(page, id).waitFor({ timeout: 10_000 });
    expect(await page.locator(ROWS).first().getAttribute('data-tracking-id')).toBe(id);
    expect(await rowOf(page, id).getAttribute('data-status')).toBe('pending');

    // when the row turns cancelled (the page's clock is this machine's), and when the stream sent the change
    await page.evaluate(`(() => {
      const check = () => {
        const tr = document.querySelector('tr[data-tracking-id="${id}"]');
        if (!window.cancelledAt && tr?.getAttribute('data-status') === 'cancelled') window.cancelledAt = Date.now();
      };
      new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
    })()`);
    const eventAt = firstEventAt(`${apps.ingest.url}/api/model-train/events?status=cancelled`, id);
    await new Promise((r) => setTimeout(r, 300)); // the test's own stream is open before the change
    const sent = Date.now();
    const cancel = await getJson(`${apps.ingest.url}/api/model-train/${id}/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'portal-jobs live test' }),
    });
    expect(cancel.status).toBe(202);
    const evented = await eventAt;
    await page.waitForFunction('window.cancelledAt', undefined, { timeout: 10_000 });
    const shown = (await page.evaluate('window.cancelledAt')) as number;
    console.log(
      `portal-jobs: a cancel's status event ${evented - sent} ms after the request; the open Jobs page showed it ` +
        `${shown - evented} ms after the event (${shown - sent} ms after the request)`,
    );
    expect(page.problems()).toEqual([]);
    await page.context().close();
  });

  it('cancels two unfinished trainings at once (one running, one queued); both turn cancelled live', async () => {
    const jobs = [await longTraining('portal-cancel-a'), await longTraining('portal-cancel-b')];
    const page = await newPage(browser, DESKTOP);
    await page.goto(`${apps.portalUrl}/jobs`);
    await rowsReadyAt(page);
    // the trainer takes one of them up (which one first is Kafka's choice); the other waits in the queue
    const first = page.locator(jobs.map((id) => `tr[data-tracking-id="${id}"][data-status="running"]`).join(', '));
    await first.waitFor({ timeout: 60_000 });
    const running = (await first.getAttribute('data-tracking-id'))!;
    const queued = jobs.find((id) => id !== running)!;
    expect(await rowOf(page, queued).getAttribute('data-status')).toBe('pending');
    await shot(page, SPEC, 'jobs-two-unfinished-1280');

    await page.getByLabel(`Select job ${running}`).check();
    await page.getByLabel(`Select job ${queued}`).check();
    const clicked = Date.now();
    await page.getByRole('button', { name: 'Cancel selected (2)' }).click();
    const outcomes = page.getByRole('status', { name: 'Cancel outcomes' });
    await outcomes.waitFor();
    expect(await outcomes.locator('li').count()).toBe(2);
    expect(await outcomes.locator('li[data-outcome="cancelled"]').count()).toBe(2);
    await page.locator(`tr[data-tracking-id="${queued}"][data-status="cancelled"]`).waitFor({ timeout: 10_000 });
    await page.locator(`tr[data-tracking-id="${running}"][data-status="cancelled"]`).waitFor({ timeout: 60_000 });
    console.log(`portal-jobs: both selected jobs shown cancelled ${Date.now() - clicked} ms after the click`);
    expect(await page.getByRole('button', { name: 'Cancel selected (0)' }).isDisabled()).toBe(true);
    await shot(page, SPEC, 'jobs-cancelled-1280');
    expect(page.problems()).toEqual([]);
    await page.context().close();
  });
});

/** The time (Date.now()) the ingest's all-jobs stream sends an event of job `trackingId`. */
async function firstEventAt(url: string, trackingId: string): Promise<number> {
  const abort = new AbortController();
  const res = await fetch(url, { signal: abort.signal, headers: { accept: 'text/event-stream' } });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('the all-jobs stream ended before the job changed');
      const at = Date.now();
      buffer += value;
      if (buffer.includes(`"trackingId":"${trackingId}"`)) return at;
      buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 1);
    }
  } finally {
    abort.abort();
  }
}
