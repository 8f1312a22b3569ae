/**
 * The Models and Predict pages in a real Chromium, in front of ingest, trainer and inference on the test's own
 * ports. Two versions of a penguins classifier (a real CSV, 344 rows) are trained through the ingest API; then in
 * the browser: a prediction through the form generated from the signature gives the label the API gives for a
 * training row (and its true species), two versions are compared side by side, an alias is set, moved and
 * removed, a version is unloaded and loaded again, a prediction goes through the alias, and a batch CSV runs
 * and its results are downloaded through the portal. Screenshots at 1280×800 and 390×844 in
 * .stack/screenshots/portal-models/.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Locator } from 'playwright-core';
import { penguinsCsv, sendJson } from './support/datasets-client';
import { runId } from './support/history-harness';
import { csvRecords } from './support/inference-client';
import { chunksOf, getJson, uploadFile } from './support/ingest-client';
import { launchChromium, newPage, type PortalApps, type PortalPage, shot, startPortalApps } from './support/portal-harness';
import { eventually } from './support/stack';

jest.setTimeout(300_000);

const SPEC = 'portal-models';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const run = runId();
const modelName = `penguins_models_${run}`;
const csv = penguinsCsv(run);
const records = csvRecords(csv.toString('utf8'));
const FEATURES = ['island', 'bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g', 'sex', 'year'];
const complete = records.filter((r) => FEATURES.every((c) => r[c] !== 'NA'));

type Row = Record<string, string | number | null>;
interface ClassAnswer {
  modelId: string;
  predictions: { label: string; probabilities: Record<string, number> }[];
}
interface VersionView {
  version: string;
  loaded: boolean;
  metrics: Record<string, number>;
  serving: { requests: number; errors: number };
}
interface ModelView {
  aliases: Record<string, string>;
  versions: VersionView[];
}

let apps: PortalApps;
let browser: Browser;
let page: PortalPage;
let detail: ModelView;
/** The version with the lower validation log loss (marked best in the comparison). */
let best: string;
let other: string;
const url = (path: string) => `${apps.portalUrl}${path}`;
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const featuresOf = (r: Record<string, string>): Row =>
  Object.fromEntries(FEATURES.map((c) => [c, r[c] === 'NA' ? null : ['island', 'sex'].includes(c) ? r[c] : Number(r[c])]));
const modelDetail = async () => (await getJson<ModelView>(`${apps.inference.url}/api/models/${modelName}`)).body;

async function predictByApi(path: string, rows: Row[]): Promise<ClassAnswer> {
  const answer = await sendJson<ClassAnswer>('POST', `${apps.inference.url}/api/models/${modelName}/${path}/predict`, { features: rows });
  if (answer.status !== 200) throw new Error(`predict answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

async function waitCompleted(trackingId: string): Promise<string> {
  let modelId = '';
  const done = await eventually(
    async () => {
      const { body } = await getJson<{ status: string; modelId?: string | null; error?: unknown }>(
        `${apps.ingest.url}/api/model-train/status/${trackingId}`,
      );
      if (['failed', 'cancelled'].includes(body.status)) throw new Error(`training ${trackingId} ${body.status}: ${JSON.stringify(body)}`);
      modelId = body.modelId ?? '';
      return body.status === 'completed' && modelId !== '';
    },
    180_000,
    500,
  );
  if (!done) throw new Error(`training ${trackingId} did not complete in 180 s`);
  return modelId;
}

/** Fills the generated form with a row's features (blank where the row has none). */
async function fillForm(form: Locator, row: Record<string, string>): Promise<void> {
  for (const column of FEATURES) {
    const field = form.getByLabel(column, { exact: true });
    const value = row[column] === 'NA' ? '' : row[column];
    if (['island', 'sex'].includes(column)) await field.selectOption(value);
    else await field.fill(value);
  }
}

beforeAll(async () => {
  [apps, browser] = await Promise.all([startPortalApps({ ingest: 3531, trainer: 3532, inference: 3533, portal: 3534 }), launchChromium()]);
  const started = Date.now();
  const answers = await uploadFile(apps.ingest.url, csv, chunksOf(csv, 8192), {
    filename: `penguins-models-${run}.csv`,
    target: 'species',
    modelType: 'logistic_regression',
    params: JSON.stringify({ epochs: 40 }),
    modelName,
  });
  const first = await waitCompleted(answers[0].trackingId);
  const again = await sendJson<{ trackingId: string }>('POST', `${apps.ingest.url}/api/datasets/${answers.at(-1)!.datasetId}/train`, {
    target: 'species',
    modelType: 'mlp_classifier',
    params: { epochs: 4, hiddenLayers: [8] },
    modelName,
  });
  expect(again.status).toBe(202);
  const second = await waitCompleted(again.body.trackingId);
  console.log(`portal-models: two versions trained (${first}, ${second}) in ${seconds(started)}`);
  detail = await modelDetail();
  expect(detail.versions.map((v) => v.version)).toEqual([second.split('/').at(-1), first.split('/').at(-1)]);
  const [a, b] = detail.versions;
  [best, other] = a.metrics.log_loss <= b.metrics.log_loss ? [a.version, b.version] : [b.version, a.version];
  page = await newPage(browser, DESKTOP);
});

afterAll(async () => {
  await browser?.close();
  await apps?.stop();
});

it('lists the model and opens it: versions with serving figures, and the two compared with the best metrics marked', async () => {
  await page.goto(url('/models'));
  await page.getByLabel('Filter by name').fill(modelName);
  await page.getByText(/^1 of \d+ models$/).waitFor();
  expect(page.url()).toBe(url(`/models?q=${modelName}`));
  const row = page.getByRole('row').filter({ hasText: modelName });
  await expect(row.getByRole('cell').nth(1).innerText()).resolves.toBe('2');
  await shot(page, SPEC, 'models-1280');

  await row.getByRole('link', { name: modelName }).click();
  await page.getByRole('heading', { level: 1, name: `Model ${modelName}` }).waitFor();
  expect(page.url()).toBe(url(`/models?name=${modelName}`));
  await page.locator('table.compare-table').waitFor();
  await expect(page.locator('table.versions-table tbody tr').count()).resolves.toBe(2);

  // both versions are ticked by default; the lower log loss and the higher accuracy carry the mark
  const compare = page.locator('table.compare-table');
  await expect(compare.locator('thead th').allInnerTexts()).resolves.toEqual([
    expect.any(String),
    ...detail.versions.map((v) => `v${v.version}`),
  ]);
  const column = (version: string) => detail.versions.findIndex((v) => v.version === version);
  const logLoss = compare.getByRole('row', { name: /^log_loss/ }).getByRole('cell');
  await expect(logLoss.nth(column(best)).getAttribute('class')).resolves.toContain('best');
  await expect(logLoss.nth(column(other)).getAttribute('class')).resolves.not.toContain('best');
  await expect(logLoss.nth(column(best)).innerText()).resolves.toContain(
    String(Number(detail.versions[column(best)].metrics.log_loss.toFixed(4))),
  );
  const accuracies = detail.versions.map((v) => v.metrics.accuracy);
  const accuracyCells = compare.getByRole('row', { name: /^accuracy/ }).getByRole('cell');
  for (const [i, value] of accuracies.entries()) {
    const marked = accuracies[0] !== accuracies[1] && value === Math.max(...accuracies);
    expect(((await accuracyCells.nth(i).getAttribute('class')) ?? '').includes('best')).toBe(marked);
  }
  // hyperparameters as rows too: the model families differ
  await expect(
    compare
      .getByRole('row', { name: /^modelType/ })
      .getByRole('cell')
      .allInnerTexts(),
  ).resolves.toEqual(detail.versions.map((v) => (column(v.version) === 0 ? 'mlp_classifier' : 'logistic_regression')));
  await shot(page, SPEC, 'model-1280', { fullPage: true });

  // unticking one leaves a single column
  await page.getByLabel(`Compare v${other}`).uncheck();
  await expect(compare.locator('thead th').count()).resolves.toBe(2);
  expect(page.url()).toContain(`compare=${best}`);
  await page.getByLabel(`Compare v${other}`).check();
});

it('predicts through the form generated from the signature: the label the API gives and the true species of the row', async () => {
  // the training row the best version is surest of, and what the API answers for it
  const answer = await predictByApi(`versions/${best}`, complete.map(featuresOf));
  const sure = answer.predictions
    .map((p, i) => ({ p, row: complete[i] }))
    .filter(({ p, row }) => p.label === row.species)
    .sort((x, y) => y.p.probabilities[y.p.label] - x.p.probabilities[x.p.label])[0];
  expect(sure).toBeDefined();

  await page.goto(url(`/predict?model=${modelName}&version=${best}`));
  const form = page.getByRole('form', { name: `Features for ${modelName} v${best}` });
  await form.waitFor();
  // selects of the training levels; a blank choice only where training had missing values (sex has NA, island none)
  await expect(form.getByLabel('island', { exact: true }).locator('option').allInnerTexts()).resolves.toEqual([
    'Biscoe',
    'Dream',
    'Torgersen',
  ]);
  await expect(form.getByLabel('sex', { exact: true }).locator('option').allInnerTexts()).resolves.toEqual(['(blank)', 'female', 'male']);
  await expect(form.getByLabel('year', { exact: true }).getAttribute('type')).resolves.toBe('number');

  // a required number left blank is caught before anything is sent
  const predictCalls: string[] = [];
  page.on('request', (r) => r.url().endsWith('/predict') && predictCalls.push(r.url()));
  await form.getByRole('button', { name: 'Predict' }).click();
  await form.getByText('Enter a number: training had no missing values in year.').waitFor();
  expect(predictCalls).toEqual([]);

  await fillForm(form, sure.row);
  const started = Date.now();
  await form.getByRole('button', { name: 'Predict' }).click();
  const label = page.getByLabel('Predicted species');
  await label.waitFor();
  console.log(`portal-models: form prediction shown in ${seconds(started)}`);
  await expect(label.innerText()).resolves.toBe(sure.row.species);
  expect(sure.p.label).toBe(sure.row.species);
  expect(predictCalls).toEqual([url(`/api/models/${modelName}/versions/${best}/predict`)]);
  await page.getByRole('img', { name: /^Class probabilities: Adelie/ }).waitFor();
  await page.getByText(`Answered by models:/${modelName}/${best}`).waitFor();
  await shot(page, SPEC, 'predict-1280', { fullPage: true });
});

it('sets, moves and removes aliases on the Models page, as the aliases API then holds them', async () => {
  await page.goto(url(`/models?name=${modelName}`));
  const aliasForm = page.locator('form.alias-form');
  await aliasForm.getByLabel('Alias').fill('v2');
  await aliasForm.getByRole('button', { name: 'Set alias' }).click();
  await aliasForm.getByText('"v2" reads as a version; pick a name such as champion.').waitFor();

  for (const [alias, version] of [
    ['champion', other],
    ['staging', best],
  ]) {
    await aliasForm.getByLabel('Alias').fill(alias);
    await aliasForm.getByLabel('Version').selectOption(version);
    await aliasForm.getByRole('button', { name: 'Set alias' }).click();
    await page.getByText(`@${alias} now points at v${version}.`).waitFor();
  }
  expect((await modelDetail()).aliases).toEqual({ champion: other, staging: best });

  // move champion to the best version, remove staging
  const championRow = page.locator('li.alias-row').filter({ hasText: '@champion' });
  await championRow.getByLabel('Move to').selectOption(best);
  await championRow.getByRole('button', { name: 'Move @champion', exact: true }).click();
  await page.getByText(`@champion now points at v${best}.`).waitFor();
  await page.locator('li.alias-row').filter({ hasText: '@staging' }).getByRole('button', { name: 'Remove @staging', exact: true }).click();
  await page.getByText('@staging removed: requests by it now answer 404.').waitFor();
  expect((await modelDetail()).aliases).toEqual({ champion: best });
  const versionRow = page
    .locator('table.versions-table tbody tr')
    .filter({ has: page.getByRole('rowheader', { name: new RegExp(`^v${best}`) }) });
  // The notice shows the API's answer; the table follows once the page has reloaded the model.
  await versionRow.locator('.badge.alias', { hasText: '@staging' }).waitFor({ state: 'detached' });
  await expect(versionRow.locator('.badge.alias').allInnerTexts()).resolves.toEqual(['@champion']);
  await shot(page, SPEC, 'aliases-1280', { fullPage: true });
});

it('unloads a version from the serving cache and loads it again, and shows its serving figures', async () => {
  const row = () =>
    page.locator('table.versions-table tbody tr').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^v${best}`) }) });
  await expect(row().getByText('loaded', { exact: true }).count()).resolves.toBe(1); // the form's prediction loaded it
  const served = (await modelDetail()).versions.find((v) => v.version === best)!.serving;
  expect(served.requests).toBeGreaterThanOrEqual(2); // the API's and the form's predictions
  await expect(row().getByRole('cell').nth(5).innerText()).resolves.toBe(String(served.requests));

  await row()
    .getByRole('button', { name: `Unload v${best}` })
    .click();
  await page.getByText(`v${best} is out of the serving cache`).waitFor();
  await row().getByText('not loaded').waitFor();
  expect((await modelDetail()).versions.find((v) => v.version === best)!.loaded).toBe(false);

  await row()
    .getByRole('button', { name: `Load v${best}` })
    .click();
  await page.getByText(new RegExp(`v${best} is loaded \\(`)).waitFor();
  await row().getByText('loaded', { exact: true }).waitFor();
  expect((await modelDetail()).versions.find((v) => v.version === best)!.loaded).toBe(true);
});

it('predicts through the alias picked on the Predict page', async () => {
  await page.goto(url(`/predict?model=${modelName}`));
  await page.getByLabel('Version or alias').selectOption({ label: `@champion (v${best})` });
  await page.waitForURL(url(`/predict?model=${modelName}&alias=champion`));
  const form = page.getByRole('form', { name: `Features for ${modelName} v${best}` });
  const row = complete.find((r) => r.species === 'Gentoo' && r.sex === 'female')!;
  const [expected] = (await predictByApi('aliases/champion', [featuresOf(row)])).predictions;
  await fillForm(form, row);
  await form.getByRole('button', { name: 'Predict' }).click();
  await expect(page.getByLabel('Predicted species').innerText()).resolves.toBe(expected.label);
  await page.getByText(`Answered by models:/${modelName}/${best} (logistic_regression, asked for models:/${modelName}@champion)`).waitFor();
});

it('runs a batch prediction over a CSV and downloads its results through the portal', async () => {
  const rows = complete.slice(0, 25);
  const header = Object.keys(rows[0]);
  const file = `${[header.join(','), ...rows.map((r) => header.map((c) => r[c]).join(','))].join('\n')}\n`;
  const expected = await predictByApi('aliases/champion', rows.map(featuresOf));

  await page.getByLabel('CSV file').setInputFiles({ name: 'batch.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  const started = Date.now();
  await page.getByRole('button', { name: 'Run batch prediction' }).click();
  const link = page.getByRole('link', { name: 'Download results CSV' });
  await link.waitFor({ timeout: 60_000 });
  console.log(`portal-models: batch of ${rows.length} rows completed in ${seconds(started)}`);
  await page.getByText(`25 of 25 rows`).waitFor();
  await shot(page, SPEC, 'batch-1280', { fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.url()).toMatch(new RegExp(`^${apps.portalUrl}/api/predict/batch/[0-9a-f-]{36}/results$`));
  const results = csvRecords(readFileSync((await download.path())!, 'utf8'));
  expect(results).toHaveLength(rows.length);
  expect(results.map((r) => r.prediction)).toEqual(expected.predictions.map((p) => p.label));
  expect(results.map((r) => r.species)).toEqual(rows.map((r) => r.species));
  expect(Object.keys(results[0])).toEqual(expect.arrayContaining(['prediction', 'probability_Adelie', 'probability_Gentoo']));
  expect(page.problems()).toEqual([]);
});

it('works at phone width: the model page and a prediction fit 390 px', async () => {
  const phone = await newPage(browser, PHONE);
  await phone.goto(url(`/models?name=${modelName}`));
  await phone.locator('table.compare-table').waitFor();
  await shot(phone, SPEC, 'model-390', { fullPage: true });
  await expect(phone.evaluate('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(PHONE.width);

  await phone.goto(url(`/predict?model=${modelName}&alias=champion`));
  const form = phone.getByRole('form', { name: `Features for ${modelName} v${best}` });
  await fillForm(form, complete[0]);
  await form.getByRole('button', { name: 'Predict' }).click();
  await phone.getByLabel('Predicted species').waitFor();
  await phone.getByRole('img', { name: /^Class probabilities: Adelie/ }).waitFor();
  await shot(phone, SPEC, 'predict-390', { fullPage: true });
  await expect(phone.evaluate('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(PHONE.width);
  expect(phone.problems()).toEqual([]);
  await phone.context().close();
});
