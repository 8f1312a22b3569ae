/**
 * The Train and Job pages in a real Chromium, in front of ingest, trainer, inference and the portal on this
 * spec's ports (3511-3514): a real CSV (the penguins, repeated past 2 MB so it goes in 3 chunks) is previewed,
 * a bad hyperparameter is caught in the browser, the file is uploaded and trained, and the Job page shows the
 * curves growing and the job completing live. Then an upload is cut after its first chunk by a reload and
 * resumed with the same file (one chunk answered 503 on the way: retried), and the job it creates is cancelled
 * from its page. Screenshots in .stack/screenshots/portal-train/.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Request, Route } from 'playwright-core';
import { launchChromium, newPage, type PortalApps, type PortalPage, shot, startPortalApps } from './support/portal-harness';

jest.setTimeout(600_000);

const SPEC = 'portal-train';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const MB = 1024 * 1024;
// in-page expressions (this file is compiled without the DOM's types)
const CHARTED_POINTS =
  "[...document.querySelectorAll('canvas[data-points]')].reduce((n, c) => n + Number(c.getAttribute('data-points')), 0)";
const SAVED_UPLOAD = "localStorage.getItem('modelstream.upload')";
const BADGE = "(document.querySelector('.job-head .badge')?.textContent ?? '')";
let apps: PortalApps;
let browser: Browser;
let bigCsv: string;
/** The dataset the first test's upload became (trained again from the Train page by the third). */
let datasetId: string | undefined;

/** The penguins (a real dataset) repeated until the file is over 2 MB: three 1 MB chunks. */
function writeBigPenguins(): string {
  const [header, ...rows] = readFileSync(join(__dirname, '../examples/python/data/penguins.csv'), 'utf8').trim().split('\n');
  const lines = [header];
  let size = header.length + 1;
  for (let i = 0; size < 2.3 * MB; i++) {
    const row = rows[i % rows.length];
    lines.push(row);
    size += row.length + 1;
  }
  const dir = join(__dirname, '../.stack/tmp');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'penguins-big.csv');
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

beforeAll(async () => {
  bigCsv = writeBigPenguins();
  [apps, browser] = await Promise.all([startPortalApps({ ingest: 3511, trainer: 3512, inference: 3513, portal: 3514 }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await apps?.stop();
});

const chunkIndexOf = (request: Request): number | undefined => {
  const m = /name="chunkIndex"\r\n\r\n(\d+)/.exec(request.postDataBuffer()?.toString('latin1') ?? '');
  return m ? Number(m[1]) : undefined;
};

async function fillTraining(page: PortalPage, params: Record<string, string>): Promise<void> {
  await page.getByLabel('Target column').selectOption('species');
  await page.getByLabel('Model family').selectOption('mlp_classifier');
  for (const [name, value] of Object.entries(params)) await page.locator(`#param-${name}`).fill(value);
}

describe('Train and Job pages', () => {
  it('previews a CSV, catches a bad value, uploads in chunks, and shows the curves grow and the job complete live', async () => {
    const page = await newPage(browser, DESKTOP);
    await page.goto(apps.portalUrl);
    await page.getByLabel('CSV file').waitFor();
    await shot(page, SPEC, 'train-empty-1280');

    await page.getByLabel('CSV file').setInputFiles(bigCsv);
    const headers = page.locator('.preview thead th');
    await headers.first().waitFor();
    expect(await headers.count()).toBe(8);
    // bill_length_mm is numeric with missing cells in the first rows read (penguins row 4 is NA)
    const bill = await headers.nth(2).innerText();
    expect(bill).toMatch(/bill_length_mm\s+numeric\s+[1-9]\d* missing/);
    expect(await headers.nth(0).innerText()).toMatch(/species\s+categorical\s+0 missing/);
    expect(await page.locator('.preview tbody tr').count()).toBe(20);
    // the default target is the last column
    expect(await page.getByLabel('Target column').inputValue()).toBe('year');

    await fillTraining(page, { epochs: '0', batchSize: '256', hiddenLayers: '32, 16', learningRate: '0.01' });
    await page.getByRole('button', { name: 'Upload and train' }).click();
    const epochs = page.locator('#param-epochs');
    expect(await epochs.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#param-epochs-error').innerText()).toBe('epochs must be between 1 and 1000');
    expect(await page.evaluate<string>('document.activeElement?.id')).toBe('param-epochs');
    expect(page.url()).toBe(`${apps.portalUrl}/`); // nothing was sent
    await epochs.fill('12');
    expect(await epochs.getAttribute('aria-invalid')).toBeNull(); // checked again as it is edited
    expect(await page.locator('.field-error').count()).toBe(0);
    await shot(page, SPEC, 'train-form-1280', { fullPage: true });

    // each chunk request, its answer's status and chunkIndex (a multipart body with a file is not readable from a request event)
    const chunks: { request: Request; at: number; done?: number; status?: number; index?: number }[] = [];
    const answers: Promise<unknown>[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/model-train/start')) chunks.push({ request, at: performance.now() });
    });
    page.on('response', (response) => {
      const c = chunks.find((x) => x.request === response.request());
      if (!c) return;
      Object.assign(c, { done: performance.now(), status: response.status() });
      answers.push(response.json().then((body: { chunkIndex?: number }) => (c.index = body.chunkIndex)));
    });
    const submitted = performance.now();
    await page.getByRole('button', { name: 'Upload and train' }).click();
    await page.waitForURL(/\/jobs\/[^/]+$/);
    const toJobPage = performance.now() - submitted;
    const trackingId = decodeURIComponent(page.url().split('/jobs/')[1]);
    await Promise.all(answers);
    expect(chunks.map((c) => [c.index, c.status])).toEqual([
      [0, 200],
      [1, 200],
      [2, 200],
    ]);
    const size = readFileSync(bigCsv).length;
    const uploadSeconds = (chunks[2].done! - chunks[0].at) / 1000;
    console.log(
      `portal-train: submit → job page ${toJobPage.toFixed(0)} ms; upload of ${(size / MB).toFixed(2)} MB in 3 chunks ${uploadSeconds.toFixed(2)} s = ${(size / MB / uploadSeconds).toFixed(1)} MB/s (job ${trackingId})`,
    );

    // the curves grow while the job runs: count the charted points over time
    const badge = page.locator('.job-head .badge');
    const counts: { at: number; points: number; status: string }[] = [];
    const start = performance.now();
    let shotRunning = false;
    for (;;) {
      const status = await badge.innerText();
      const points = await page
        .locator('canvas[data-points]')
        .evaluateAll((nodes) => nodes.reduce((n, c) => n + Number(c.getAttribute('data-points')), 0));
      if (counts.at(-1)?.points !== points || counts.at(-1)?.status !== status)
        counts.push({ at: performance.now() - start, points, status });
      if (!shotRunning && status === 'running' && points > 0) {
        await shot(page, SPEC, 'job-running-1280');
        shotRunning = true;
      }
      if (status === 'completed' || status === 'failed') break;
      if (performance.now() - start > 300_000) throw new Error(`the job did not end in 5 min: ${JSON.stringify(counts.at(-1))}`);
      await page.waitForTimeout(150);
    }
    expect(await badge.innerText()).toBe('completed');
    // loss, val_loss and val_accuracy for each of the 12 epochs, once the history has caught up
    await page.waitForFunction(`${CHARTED_POINTS} === 36`);
    const growing = [...new Set(counts.filter((c) => c.status === 'running' && c.points > 0).map((c) => c.points))];
    console.log(
      `portal-train: charted points while running ${growing.join(' → ')} (${counts.map((c) => `${c.points}@${(c.at / 1000).toFixed(1)}s`).join(', ')})`,
    );
    expect(growing.length).toBeGreaterThanOrEqual(2);

    // the final view: metrics, the confusion matrix of the three species, the column profile, links
    await page.locator('table.confusion').waitFor();
    expect(await page.locator('table.confusion tbody tr').count()).toBe(3);
    expect(await page.locator('table.confusion thead').innerText()).toMatch(/Adelie[\s\S]*Chinstrap[\s\S]*Gentoo/);
    expect(await page.locator('.metric').filter({ hasText: 'accuracy' }).count()).toBeGreaterThan(0);
    expect(await page.locator('table[aria-label="Column profile"]').innerText()).toMatch(/species\s+target\s+categorical\s+0\s+3/);
    expect(await page.locator('table[aria-label="Hyperparameters"]').innerText()).toMatch(/hiddenLayers\s+32, 16/);
    expect(await page.locator('.facts').innerText()).toMatch(/sha256 [0-9a-f]{64}/);
    const predictHref = await page.getByRole('link', { name: 'predict with it' }).getAttribute('href');
    expect(predictHref).toMatch(/^\/predict\?model=penguins-big&version=\d+$/);
    expect(await page.getByRole('link', { name: 'model page' }).getAttribute('href')).toBe('/models?name=penguins-big');
    expect(await page.locator('.timeline .step.done').count()).toBe(await page.locator('.timeline .step').count());
    const datasetHref = await page.locator('.facts').getByRole('link', { name: 'penguins-big.csv' }).getAttribute('href');
    datasetId = decodeURIComponent(datasetHref!.split('/datasets/')[1]);
    await shot(page, SPEC, 'job-completed-1280', { fullPage: true });
    expect(page.problems()).toEqual([]);

    const phone = await newPage(browser, PHONE);
    await phone.goto(`${apps.portalUrl}/jobs/${encodeURIComponent(trackingId)}`);
    await phone.locator('table.confusion').waitFor();
    await phone.waitForFunction(`${CHARTED_POINTS} > 0`);
    await shot(phone, SPEC, 'job-completed-390', { fullPage: true });
    await phone.goto(apps.portalUrl);
    await phone.getByLabel('CSV file').setInputFiles(bigCsv);
    await phone.locator('.preview thead th').first().waitFor();
    await shot(phone, SPEC, 'train-form-390', { fullPage: true });
    expect(phone.problems()).toEqual([]);
    await phone.context().close();
    await page.context().close();
  });

  it('resumes an upload after a reload with the same file, retries a failed chunk, and cancels the job it made', async () => {
    const page = await newPage(browser, DESKTOP);
    await page.goto(apps.portalUrl);
    await page.getByLabel('CSV file').setInputFiles(bigCsv);
    await page.locator('.preview thead th').first().waitFor();
    await fillTraining(page, { epochs: '400', batchSize: '32', hiddenLayers: '64, 64' });

    // chunk 1 is held, never answered: the page is reloaded while it hangs
    let held: Route | undefined;
    await page.route('**/api/model-train/start', async (route) => {
      if (chunkIndexOf(route.request()) === 1) held = route;
      else await route.continue();
    });
    await page.getByRole('button', { name: 'Upload and train' }).click();
    await page.waitForFunction(`${SAVED_UPLOAD} !== null`);
    const saved = JSON.parse(await page.evaluate<string>(SAVED_UPLOAD)) as { trackingId: string; nextChunk: number };
    expect(saved.nextChunk).toBe(1);
    await page.reload();
    await held?.abort();
    await page.unroute('**/api/model-train/start');

    await page.getByRole('heading', { name: 'An upload was interrupted' }).waitFor();
    expect(await page.locator('.resume').innerText()).toMatch(/penguins-big\.csv: 1\.00 MB of 2\.\d+ MB sent \(1 of 3 chunks\)/);
    await shot(page, SPEC, 'train-resume-1280');

    // another file is refused with what to do
    await page.getByLabel(/Pick penguins-big\.csv again to resume/).setInputFiles(join(__dirname, '../examples/python/data/penguins.csv'));
    await page.getByText(/This is not the file of the interrupted upload: its name is penguins\.csv/).waitFor();

    // the same file resumes from chunk 1 (what the server has); chunk 2's first answer is a 503, retried
    const sent: number[] = [];
    let failedOnce = false;
    await page.route('**/api/model-train/start', async (route) => {
      const index = chunkIndexOf(route.request())!;
      sent.push(index);
      if (index === 2 && !failedOnce) {
        failedOnce = true;
        return route.fulfill({
          status: 503,
          headers: { 'content-type': 'application/json', 'retry-after': '1' },
          body: JSON.stringify({ statusCode: 503, error: 'ServiceUnavailableError', message: 'Kafka is unavailable: retry shortly.' }),
        });
      }
      await route.continue();
    });
    await page.getByLabel(/Pick penguins-big\.csv again to resume/).setInputFiles(bigCsv);
    await page.getByText(/Chunk 3 failed \(Kafka is unavailable: retry shortly\.\); sending it again/).waitFor();
    await page.waitForURL(`**/jobs/${encodeURIComponent(saved.trackingId)}`);
    expect(sent).toEqual([1, 2, 2]);
    expect(await page.evaluate(SAVED_UPLOAD)).toBeNull();

    // the job it made runs (400 epochs): cancel it from its page, and see it cancelled live
    const badge = page.locator('.job-head .badge');
    await page.waitForFunction(`/pending|running/.test(${BADGE})`);
    const cancel = page.getByRole('button', { name: 'Cancel the job' });
    await cancel.waitFor();
    await shot(page, SPEC, 'job-before-cancel-1280');
    const clicked = performance.now();
    await cancel.click();
    await page.waitForFunction(`${BADGE} === 'cancelled'`, undefined, { timeout: 60_000 });
    console.log(`portal-train: cancel click → cancelled on the page ${(performance.now() - clicked).toFixed(0)} ms`);
    expect(await badge.innerText()).toBe('cancelled');
    expect(await page.getByRole('button', { name: /Cancel/ }).count()).toBe(0);
    await shot(page, SPEC, 'job-cancelled-1280', { fullPage: true });
    expect(page.problems(/status of 503/, /api\/model-train\/start: net::ERR_FAILED/)).toEqual([]);
    await page.context().close();
  });

  it('trains a stored dataset again from the Train page (no upload)', async () => {
    expect(datasetId).toBeDefined();
    const page = await newPage(browser, DESKTOP);
    await page.goto(`${apps.portalUrl}/?dataset=${encodeURIComponent(datasetId!)}`);
    await page.locator('.preview thead th').first().waitFor();
    expect(await page.getByLabel('A stored dataset').isChecked()).toBe(true);
    expect(await page.locator('.preview-figure figcaption').innerText()).toMatch(/^penguins-big\.csv · 2\.\d+ MB · \d+ rows/);
    expect(await page.locator('.preview thead th').count()).toBe(8);
    await page.getByLabel('Target column').selectOption('species');
    await page.getByLabel('Model family').selectOption('logistic_regression');
    await page.locator('#param-epochs').fill('3');
    await shot(page, SPEC, 'train-dataset-1280');
    const uploads: string[] = [];
    page.on('request', (r) => r.url().endsWith('/api/model-train/start') && uploads.push(r.url()));
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.waitForURL(/\/jobs\/[^/]+$/);
    await page.waitForFunction(`${BADGE} === 'completed'`, undefined, { timeout: 300_000 });
    expect(uploads).toEqual([]);
    expect(await page.locator('.facts').innerText()).toMatch(/Family\s+logistic_regression/);
    expect(await page.locator('.facts').getByRole('link', { name: 'penguins-big.csv' }).getAttribute('href')).toBe(
      `/datasets/${encodeURIComponent(datasetId!)}`,
    );
    expect(page.problems()).toEqual([]);
    await page.context().close();
  });
});
