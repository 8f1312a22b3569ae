/**
 * The portal in a real Chromium (Debian's, driven by playwright-core), in front of ingest, trainer and
 * inference on the test's own ports: the Train page renders at / (first render timed), the initial JS stays
 * lean (gzip size), each app's Swagger UI is reachable under /docs/<app>, API errors pass through as the app
 * wrote them, server-sent events stream through unbuffered, a deep link reloads into the SPA, and an app that
 * is down is reported as such. Screenshots in .stack/screenshots/portal/.
 */
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { makeCsv, uniqueFilename } from './support/ingest-csv';
import { postChunk, splitIntoChunks } from './support/ingest-client';
import { launchChromium, newPage, type PortalApps, shot, startPortalApps } from './support/portal-harness';

jest.setTimeout(300_000);

const SPEC = 'portal';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
let apps: PortalApps;
let browser: Browser;

beforeAll(async () => {
  [apps, browser] = await Promise.all([startPortalApps({ ingest: 3501, trainer: 3502, inference: 3503, portal: 3504 }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await apps?.stop();
});

/** Reads server-sent events from a fetch() body as they arrive. */
function sseReader(body: ReadableStream<Uint8Array>) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let done = false;
  return {
    get done() {
      return done;
    },
    /** The next event (comments skipped): its name and parsed data. */
    async next(): Promise<{ event: string; data: Record<string, unknown> }> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n').filter((l) => !l.startsWith(':'));
          if (lines.length === 0) continue;
          const event =
            lines
              .find((l) => l.startsWith('event:'))
              ?.slice(6)
              .trim() ?? 'message';
          const data = lines
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).trim())
            .join('\n');
          return { event, data: JSON.parse(data) as Record<string, unknown> };
        }
        const chunk = await reader.read();
        if (chunk.done) {
          done = true;
          throw new Error(`the stream ended before an event; left: ${JSON.stringify(buffer)}`);
        }
        buffer += chunk.value;
      }
    },
    cancel: () => reader.cancel(),
  };
}

it('renders the Train page at / (first render timed) at 1280×800 and 390×844', async () => {
  // the browser's own start is not the page's: one blank page first (each measured page has a fresh context, empty cache)
  const warmUp = await newPage(browser, DESKTOP);
  await warmUp.goto('about:blank');
  await warmUp.context().close();
  for (const viewport of [DESKTOP, PHONE]) {
    const page = await newPage(browser, viewport);
    await page.goto(apps.portalUrl, { waitUntil: 'commit' });
    // ms since the navigation started, taken in the page the frame the heading shows
    const firstRender = await page.waitForFunction(
      // a page expression (the test's tsconfig has no DOM types)
      `(() => { const h = document.querySelector('h1'); return h && h.offsetParent !== null && /train/i.test(h.textContent) ? performance.now() : false; })()`,
      undefined,
      { polling: 'raf', timeout: 15_000 },
    );
    const nav = (await page.evaluate(
      `(() => { const n = performance.getEntriesByType('navigation')[0]; return { html: n.responseEnd, dcl: n.domContentLoadedEventEnd }; })()`,
    )) as { html: number; dcl: number };
    console.log(
      `portal: first render of / at ${viewport.width}×${viewport.height}: ${Math.round((await firstRender.jsonValue()) as number)} ms ` +
        `(index.html received at ${Math.round(nav.html)} ms, DOMContentLoaded at ${Math.round(nav.dcl)} ms)`,
    );
    await page.waitForLoadState('load');
    await shot(page, SPEC, `train-${viewport.width}`);
    expect(page.problems()).toEqual([]);
    await page.context().close();
  }
});

it('keeps the initial JS of index.html at most 250 KB gzip', async () => {
  const res = await fetch(`${apps.portalUrl}/`);
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toBe('no-cache');
  const html = await res.text();
  const entry = [...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)].map((m) => m[1]);
  const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1]);
  expect(entry.length).toBe(1);
  let gzipBytes = 0;
  let rawBytes = 0;
  for (const path of [...entry, ...preloads]) {
    const asset = await fetch(`${apps.portalUrl}${path}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toMatch(/max-age=31536000.*immutable/);
    const bytes = Buffer.from(await asset.arrayBuffer());
    rawBytes += bytes.length;
    gzipBytes += gzipSync(bytes).length;
  }
  console.log(
    `portal: initial JS ${entry.length + preloads.length} file(s), ${(rawBytes / 1024).toFixed(1)} KB, ${(gzipBytes / 1024).toFixed(1)} KB gzip`,
  );
  expect(gzipBytes).toBeLessThanOrEqual(250 * 1024);
});

it.each([
  ['ingest', '/api/model-train/start', '/api/model-specs'],
  ['inference', '/api/predict', '/api/models'],
])('shows the %s API in Swagger UI at /docs/<app>, tried through the portal', async (app, operation, tried) => {
  const page = await newPage(browser, DESKTOP);
  await page.goto(`${apps.portalUrl}/docs/${app}`);
  await page.locator('.opblock').first().waitFor({ timeout: 20_000 });
  const paths = await page.locator('.opblock-summary-path').allTextContents();
  expect(paths.map((p) => p.replace(/\u200b/g, ''))).toContain(operation);
  expect(paths.map((p) => p.replace(/\u200b/g, ''))).toContain(`/health/${app}`); // the app's /health, where the portal serves it
  await shot(page, SPEC, `docs-${app}-1280`);

  // "Try it out" on a GET: the request goes to the portal's origin, which forwards it to the app
  const operationBlock = page.locator('.opblock-get', { has: page.locator(`.opblock-summary-path[data-path="${tried}"]`) });
  await operationBlock.locator('.opblock-summary').first().click();
  await operationBlock.locator('button.try-out__btn').click();
  const [answer] = await Promise.all([
    page.waitForResponse((res) => res.url() === `${apps.portalUrl}${tried}`),
    operationBlock.locator('button.execute').click(),
  ]);
  expect(answer.status()).toBe(200);
  await operationBlock.locator('.live-responses-table .response-col_status', { hasText: '200' }).first().waitFor();
  expect(page.problems()).toEqual([]);
  await page.context().close();
});

it('passes API errors through as the app wrote them', async () => {
  for (const [path, direct] of [
    ['/api/model-train/status/no-such-job', apps.ingest.url],
    ['/api/models/no-such-model/versions/1/load', apps.inference.url],
  ]) {
    const method = path.endsWith('/load') ? 'POST' : 'GET';
    const [viaPortal, fromApp] = await Promise.all([fetch(`${apps.portalUrl}${path}`, { method }), fetch(`${direct}${path}`, { method })]);
    expect(viaPortal.status).toBe(fromApp.status);
    expect(viaPortal.status).toBeGreaterThanOrEqual(400);
    const [body, expected] = await Promise.all([viaPortal.json(), fromApp.json()]);
    expect(body).toEqual(expected);
    expect(body).toMatchObject({ statusCode: viaPortal.status, message: expect.any(String) });
  }
});

it('streams server-sent events through the portal unbuffered (a multipart upload through it too)', async () => {
  const everyJob = await fetch(`${apps.portalUrl}/api/model-train/events`);
  expect(everyJob.status).toBe(200);
  expect(everyJob.headers.get('content-type')).toMatch(/text\/event-stream/);
  const all = sseReader(everyJob.body!);

  const filename = uniqueFilename('portal-sse');
  const [first, second] = splitIntoChunks(makeCsv({ rows: 300 }), 2);
  let sent = performance.now();
  const chunk0 = await postChunk(apps.portalUrl, { filename, chunkIndex: 0, totalChunks: 2, target: 'y', modelName: 'portal-sse' }, first);
  expect(chunk0.status).toBe(200);
  const trackingId = chunk0.body.trackingId;
  for (;;) {
    const { data } = await all.next();
    if (data.trackingId === trackingId) break;
  }
  console.log(`portal: all-jobs stream event ${Math.round(performance.now() - sent)} ms after the chunk was answered (through the portal)`);
  expect(all.done).toBe(false);

  sent = performance.now();
  const jobEvents = await fetch(`${apps.portalUrl}/api/model-train/${trackingId}/events`);
  expect(jobEvents.status).toBe(200);
  const job = sseReader(jobEvents.body!);
  const current = await job.next();
  console.log(`portal: per-job stream first event ${Math.round(performance.now() - sent)} ms after the request (through the portal)`);
  expect(current.data.trackingId).toBe(trackingId);
  expect(['pending', 'uploading']).toContain(current.data.status); // chunk 1 of 2 is still to come
  expect(job.done).toBe(false);

  sent = performance.now();
  const chunk1 = await postChunk(apps.portalUrl, { filename, chunkIndex: 1, totalChunks: 2, trackingId }, second);
  expect(chunk1.status).toBe(200);
  let change = await job.next();
  console.log(`portal: per-job stream change ${Math.round(performance.now() - sent)} ms after the last chunk was sent`);
  expect(change.data.trackingId).toBe(trackingId);
  while (['pending', 'uploading'].includes(change.data.status as string)) change = await job.next();
  expect(job.done).toBe(false); // it ends after a final status only
  await Promise.all([job.cancel(), all.cancel()]);
});

it('lives within its content security policy on every page and in Swagger UI, with no X-Powered-By', async () => {
  const page = await newPage(browser, DESKTOP, { csp: true });
  const first = await page.goto(`${apps.portalUrl}/`);
  expect(first!.headers()['content-security-policy']).toContain("default-src 'self'");
  expect(first!.headers()['x-powered-by']).toBeUndefined();
  for (const path of ['/', '/jobs', '/models', '/predict', '/datasets', '/system']) {
    await page.goto(`${apps.portalUrl}${path}`);
    await page.locator('main').first().waitFor();
    await page.waitForTimeout(1000); // the page's requests and streams start (a page with a live stream is never idle)
  }
  await page.goto(`${apps.portalUrl}/docs/ingest`);
  await page.locator('.opblock').first().waitFor({ timeout: 20_000 });
  expect(page.problems()).toEqual([]); // a script, style or request the policy refused shows as a console error
  await page.context().close();
});

it('reloads a deep link (/jobs) into the SPA', async () => {
  for (const viewport of [DESKTOP, PHONE]) {
    const page = await newPage(browser, viewport);
    const res = await page.goto(`${apps.portalUrl}/jobs`);
    expect(res?.status()).toBe(200);
    await page.locator('h1', { hasText: /jobs/i }).waitFor();
    await page.reload();
    await page.locator('h1', { hasText: /jobs/i }).waitFor();
    await page.waitForLoadState('load'); // not 'networkidle': the Jobs page keeps its live stream open
    await shot(page, SPEC, `jobs-${viewport.width}`);
    expect(page.problems()).toEqual([]);
    await page.context().close();
  }
  const missing = await fetch(`${apps.portalUrl}/assets/no-such-chunk.js`);
  expect(missing.status).toBe(404);
});

it('forwards each app’s /health, and says which app to start when one is down', async () => {
  for (const app of ['ingest', 'inference', 'trainer']) {
    const res = await fetch(`${apps.portalUrl}/health/${app}`);
    expect([200, 503]).toContain(res.status);
    expect(await res.json()).toHaveProperty('status');
  }
  const [ping, directPing] = await Promise.all([fetch(`${apps.portalUrl}/ping`), fetch(`${apps.inference.url}/ping`)]);
  expect(ping.status).toBe(directPing.status);
  const own = await fetch(`${apps.portalUrl}/health`);
  expect(own.status).toBe(200);
  expect(await own.json()).toMatchObject({ status: 'ok', info: { ingest: { status: 'up' }, inference: { status: 'up' } } });

  await apps.ingest.stop();
  const down = await fetch(`${apps.portalUrl}/api/model-train/jobs`);
  expect(down.status).toBe(503);
  expect(down.headers.get('retry-after')).toBeTruthy();
  const body = (await down.json()) as { statusCode: number; error: string; message: string };
  expect(body.statusCode).toBe(503);
  expect(body.message).toMatch(/ingest app is not reachable.*\.\/scripts\/run\.sh/);
  const health = await fetch(`${apps.portalUrl}/health`);
  expect(health.status).toBe(503);
  expect(await health.json()).toMatchObject({ error: { ingest: { status: 'down' } }, info: { inference: { status: 'up' } } });
  const inference = await fetch(`${apps.portalUrl}/api/models`);
  expect(inference.status).toBe(200);
});
