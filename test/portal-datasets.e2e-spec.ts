/**
 * The Datasets pages in a real Chromium, in front of ingest, trainer and inference on the test's own ports: a
 * dataset made from a real CSV (penguins, uploaded with train=false) is listed and opened (profile, first rows),
 * trained again with another family, swept (2 trainings) with the leaderboard filling live until settled, its
 * winner given an alias; deleting it while its jobs run shows the API's 409, and a dataset no job uses is deleted.
 * Screenshots at 1280×800 and 390×844 in .stack/screenshots/portal-datasets/.
 */
import type { Browser } from 'playwright-core';
import { penguinsCsv, sendJson } from './support/datasets-client';
import { runId } from './support/history-harness';
import { chunksOf, getJson, uploadFile } from './support/ingest-client';
import { makeCsv } from './support/ingest-csv';
import { launchChromium, newPage, type PortalApps, type PortalPage, shot, startPortalApps } from './support/portal-harness';
import { eventually } from './support/stack';

jest.setTimeout(240_000);

const SPEC = 'portal-datasets';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const FINAL = ['completed', 'failed', 'cancelled'];
const run = runId();
const filename = `penguins-web-${run}.csv`;
const spareName = `spare-web-${run}.csv`;
const modelName = `penguins_web_${run}`;
const alias = `best-${run}`;
const penguins = penguinsCsv(run);

interface SweepAnswer {
  sweepId: string;
  status: string;
  leaderboard: { trackingId: string; status: string; modelVersion: string | null; score: number | null }[];
}

let apps: PortalApps;
let browser: Browser;
let page: PortalPage;
let datasetId: string;
let spareId: string;
let sweepId: string;
const url = (path: string) => `${apps.portalUrl}${path}`;
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** A dataset of these bytes: uploaded in chunks with train=false, so no job starts. */
async function upload(file: Buffer, name: string): Promise<string> {
  const answers = await uploadFile(apps.ingest.url, file, chunksOf(file, 4096), { filename: name, train: 'false' });
  return answers.at(-1)!.datasetId!;
}

beforeAll(async () => {
  [apps, browser] = await Promise.all([startPortalApps({ ingest: 3541, trainer: 3542, inference: 3543, portal: 3544 }), launchChromium()]);
  [datasetId, spareId] = await Promise.all([upload(penguins, filename), upload(makeCsv({ rows: 40, seed: parseInt(run, 16) }), spareName)]);
  page = await newPage(browser, DESKTOP);
});

afterAll(async () => {
  await browser?.close();
  await apps?.stop();
});

it('lists the dataset with its size, rows, columns and jobs, and opens its page: profile and first rows', async () => {
  const started = Date.now();
  await page.goto(url('/datasets'));
  const row = page.getByRole('row').filter({ hasText: filename });
  await row.waitFor();
  console.log(`portal-datasets: list shown in ${seconds(started)}`);
  // the jobs column is counted from the history after the list shows ("…" meanwhile)
  await eventually(async () => (await row.getByRole('cell').last().innerText()) !== '…', 15_000, 100);
  const size = `${(penguins.length / 1024).toFixed(1)} KB`;
  await expect(row.getByRole('cell').allInnerTexts()).resolves.toEqual([
    expect.stringContaining(filename),
    size,
    '344',
    '8',
    expect.any(String),
    '0',
  ]);
  await shot(page, SPEC, 'list-1280');

  await row.getByRole('link', { name: filename }).click();
  await page.getByRole('heading', { level: 1, name: filename }).waitFor();
  expect(page.url()).toBe(url(`/datasets/${datasetId}`));
  const profile = page.locator('table.profile');
  await expect(
    profile
      .getByRole('row', { name: /^species/ })
      .getByRole('cell')
      .allInnerTexts(),
  ).resolves.toEqual(['categorical', '0', '3']);
  await expect(
    profile
      .getByRole('row', { name: /^bill_length_mm/ })
      .getByRole('cell')
      .allInnerTexts(),
  ).resolves.toEqual(['numeric', expect.stringMatching(/^2 \(0\.58%\)$/), expect.any(String)]);
  const preview = page.locator('table.preview');
  await expect(preview.locator('tbody tr').count()).resolves.toBe(10);
  await expect(preview.locator('thead th').first().innerText()).resolves.toBe('species');
  await page.getByText('No job has trained on it yet.').waitFor();
  await shot(page, SPEC, 'dataset-1280', { fullPage: true });
});

it('trains it again with another family and hyperparameters, then shows the job', async () => {
  const form = page.getByRole('form', { name: 'Train again' });
  await form.getByLabel('Target column').selectOption('species');
  await form.getByLabel('Model family').selectOption('mlp_classifier');
  await form.getByLabel('epochs').fill('0');
  await form.getByRole('button', { name: 'Train' }).click();
  await form.getByText('epochs must be between 1 and 1000').waitFor(); // caught before anything is sent
  await form.getByLabel('epochs').fill('3');
  await form.getByLabel('Model name').fill(modelName);
  await form.getByRole('button', { name: 'Train' }).click();
  await page.waitForURL(/\/jobs\/[^/]+$/);
  const trackingId = decodeURIComponent(page.url().split('/').at(-1)!);
  const { body: job } = await getJson<{ datasetId: string; modelType: string; modelName: string }>(
    `${apps.ingest.url}/api/model-train/status/${trackingId}`,
  );
  expect(job).toMatchObject({ datasetId, modelType: 'mlp_classifier', modelName });
});

it('starts a sweep and watches its leaderboard fill live until settled', async () => {
  await page.goto(url(`/datasets/${datasetId}`));
  const form = page.getByRole('form', { name: 'Start a sweep' });
  await form.getByLabel('Target column').selectOption('species');
  await expect(form.getByLabel('logistic_regression (classification)').isChecked()).resolves.toBe(true);
  await form.getByLabel('learningRate').fill('0.05, 20');
  await form.getByRole('button', { name: 'Start sweep' }).click();
  await form.getByText('learningRate must be between 0.000001 and 10 ("20")').waitFor();
  await form.getByLabel('learningRate').fill('0.05, 0.2');
  await form.getByLabel('epochs').fill('3');
  await form.getByLabel('Model name').fill(modelName);
  await form.getByText('2 trainings (at most 64)').waitFor();
  const started = Date.now();
  await form.getByRole('button', { name: 'Start sweep' }).click();
  await page.waitForURL(/\/sweeps\/[^/]+$/);
  sweepId = decodeURIComponent(page.url().split('/').at(-1)!);
  await page.getByRole('heading', { name: `Sweep of ${modelName}` }).waitFor();
  await page.evaluate('window.__sameDocument = true');

  // what the open page shows, read every 250 ms without reloading it: the statuses of its rows
  const seen = new Set<string>();
  let shotRunning = false;
  const settled = page.getByRole('status').filter({ hasText: 'settled' });
  await eventually(
    async () => {
      // settled first, then the rows: a sweep that settles between the two reads still has its final rows seen
      const done = await settled.isVisible();
      const statuses = await page.locator('table.leaderboard tbody tr td.status-cell').allInnerTexts();
      statuses.forEach((s) => seen.add(/%/.test(s) ? 'running' : s.trim()));
      if (!shotRunning && statuses.length === 2 && statuses.some((s) => !FINAL.includes(s.trim()))) {
        shotRunning = true;
        await shot(page, SPEC, 'sweep-running-1280');
      }
      return done;
    },
    180_000,
    250,
  );
  console.log(`portal-datasets: sweep settled in ${seconds(started)}; statuses seen on the open page: ${[...seen].join(', ')}`);
  await expect(page.evaluate('window.__sameDocument')).resolves.toBe(true);
  expect([...seen].some((s) => !FINAL.includes(s))).toBe(true); // it was shown unfinished, then filled in
  expect(seen.has('completed')).toBe(true);

  const { body: sweep } = await getJson<SweepAnswer>(`${apps.ingest.url}/api/sweeps/${sweepId}`);
  expect(sweep.status).toBe('completed');
  const rows = page.locator('table.leaderboard tbody tr');
  await expect(rows.count()).resolves.toBe(2);
  for (const [i, entry] of sweep.leaderboard.entries()) {
    await expect(
      rows
        .nth(i)
        .getByRole('link', { name: `job ${entry.trackingId}` })
        .getAttribute('href'),
    ).resolves.toBe(`/jobs/${entry.trackingId}`);
  }
  await shot(page, SPEC, 'sweep-settled-1280', { fullPage: true });
});

it('sets an alias on the winner', async () => {
  const { body: sweep } = await getJson<SweepAnswer>(`${apps.ingest.url}/api/sweeps/${sweepId}`);
  const winner = sweep.leaderboard.find((e) => e.status === 'completed' && e.score !== null && e.modelVersion !== null)!;
  expect(winner).toBeDefined();
  await page.getByText(`registered as ${modelName} version ${winner.modelVersion}`).waitFor();
  await page.getByLabel('Alias', { exact: true }).fill(alias);
  await page.getByRole('button', { name: 'Set alias on the winner' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `${modelName}@${alias} → version ${winner.modelVersion}` })
    .waitFor();
  const { body } = await getJson<{ version: string }>(`${apps.inference.url}/api/models/${modelName}/aliases/${alias}`);
  expect(body.version).toBe(winner.modelVersion);
  await shot(page, SPEC, 'sweep-alias-1280');
});

it('cancels the unfinished trainings of a sweep from its page', async () => {
  const { status, body } = await sendJson<SweepAnswer>('POST', `${apps.ingest.url}/api/datasets/${datasetId}/sweeps`, {
    target: 'species',
    modelTypes: ['logistic_regression'],
    grid: { learningRate: [0.01, 0.02], epochs: [300] },
    metric: 'accuracy',
    modelName,
  });
  expect(status).toBe(202);
  await page.goto(url(`/sweeps/${body.sweepId}`));
  await page.getByRole('button', { name: 'Cancel unfinished trainings…' }).click();
  await shot(page, SPEC, 'sweep-cancel-confirm-1280');
  await page.getByRole('button', { name: 'Yes, cancel them' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /Asked [12] trainings? to stop/ })
    .waitFor();
  const started = Date.now();
  await page.getByRole('status').filter({ hasText: 'settled' }).waitFor({ timeout: 60_000 });
  console.log(`portal-datasets: cancelled sweep settled on the page ${seconds(started)} after the cancel`);
  const statuses = await page.locator('table.leaderboard tbody tr td.status-cell').allInnerTexts();
  expect(statuses.map((s) => s.trim())).toContain('cancelled');
  await shot(page, SPEC, 'sweep-cancelled-1280');
  await expect(page.getByRole('button', { name: 'Cancel unfinished trainings…' }).count()).resolves.toBe(0);
});

it('refuses to delete a dataset a job is using, in the API’s words (409)', async () => {
  const { status, body } = await sendJson<{ trackingId: string }>('POST', `${apps.ingest.url}/api/datasets/${datasetId}/train`, {
    target: 'species',
    params: { epochs: 200 },
    modelName,
  });
  expect(status).toBe(202);
  await page.goto(url(`/datasets/${datasetId}`));
  await page.getByRole('button', { name: 'Delete dataset…' }).click();
  await page.getByRole('button', { name: 'Yes, delete it' }).click();
  const alert = page.getByRole('alert').filter({ hasText: '(409)' });
  await alert.waitFor();
  console.log(`portal-datasets: delete refused: ${await alert.innerText()}`);
  await expect(getJson(`${apps.ingest.url}/api/datasets/${datasetId}`).then((r) => r.status)).resolves.toBe(200);
  await shot(page, SPEC, 'delete-refused-1280');
  await sendJson('POST', `${apps.ingest.url}/api/model-train/${body.trackingId}/cancel`, {});
});

it('deletes a dataset no job uses, after a confirm', async () => {
  await page.goto(url(`/datasets/${spareId}`));
  await page.getByRole('heading', { level: 1, name: spareName }).waitFor();
  await page.getByRole('button', { name: 'Delete dataset…' }).click();
  await page.getByRole('button', { name: 'Keep it' }).click(); // changing one's mind deletes nothing
  await page.getByRole('button', { name: 'Delete dataset…' }).click();
  await page.getByRole('button', { name: 'Yes, delete it' }).click();
  await page.waitForURL(url('/datasets'));
  await page
    .getByRole('status')
    .filter({ hasText: `Deleted ${spareName}` })
    .waitFor();
  await expect(page.getByRole('link', { name: spareName }).count()).resolves.toBe(0);
  await expect(getJson(`${apps.ingest.url}/api/datasets/${spareId}`).then((r) => r.status)).resolves.toBe(404);
  // the 409 above is logged by Chromium as a failed resource load; it was expected
  expect(page.problems(/status of 409/)).toEqual([]);
  await page.context().close();
});

it('reads well on a phone (390×844): list, dataset, sweep', async () => {
  const phone = await newPage(browser, PHONE);
  await phone.goto(url('/datasets'));
  await phone.getByRole('link', { name: filename }).waitFor();
  await shot(phone, SPEC, 'list-390');
  await phone.goto(url(`/datasets/${datasetId}`));
  await phone.locator('table.preview').waitFor();
  await shot(phone, SPEC, 'dataset-390', { fullPage: true });
  await phone.goto(url(`/sweeps/${sweepId}`));
  await phone.getByRole('heading', { name: 'Winner' }).waitFor();
  await shot(phone, SPEC, 'sweep-390', { fullPage: true });
  // nothing wider than the screen but the tables, which scroll in their own box
  await expect(phone.evaluate('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(PHONE.width);
  expect(phone.problems()).toEqual([]);
  await phone.context().close();
});
