/**
 * The portal and the TypeScript SDK with AUTH=required, in a real Chromium: without a key the portal asks for
 * one, a wrong key is refused with a reason, a valid one shows the pages and who is signed in, and signing out
 * asks again. The SDK reads the key from MODELSTREAM_API_KEY. Screenshots in .stack/screenshots/portal-access/.
 */
import type { Browser } from 'playwright-core';
import { ModelstreamClient, UnauthorizedError } from '@modelstream/client';
import { createKey } from './support/access';
import { runId } from './support/history-harness';
import { launchChromium, newPage, type PortalApps, shot, startPortalApps } from './support/portal-harness';

jest.setTimeout(240_000);

const SPEC = 'portal-access';
const DESKTOP = { width: 1280, height: 800 };
const run = runId();
let apps: PortalApps;
let browser: Browser;
let key: string;

beforeAll(async () => {
  [apps, browser, { key }] = await Promise.all([
    startPortalApps({ ingest: 3521, trainer: false, inference: 3523, portal: 3524 }, { AUTH: 'required', AUTH_CACHE_TTL_MS: '0' }),
    launchChromium(),
    createKey(`portal-${run}`, 'read,train,predict'),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await apps?.stop();
});

it('asks for a key, refuses a wrong one, signs in with a valid one and out again', async () => {
  const page = await newPage(browser, DESKTOP);
  await page.goto(`${apps.portalUrl}/jobs`);
  const form = page.getByRole('heading', { name: 'Sign in' });
  await form.waitFor();
  await shot(page, SPEC, 'sign-in-1280');

  await page.getByLabel('API key').fill('msk_not-a-key-at-all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: 'not valid or was revoked' }).waitFor();

  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.signed-in', { hasText: `portal-${run}` }).waitFor();
  await page.getByRole('link', { name: 'Jobs', exact: true }).click();
  await page.getByTestId('jobs-total').waitFor();
  await shot(page, SPEC, 'signed-in-jobs-1280');
  // the pages' calls carried the key: nothing was refused
  expect(page.problems(/401/)).toEqual([]);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await form.waitFor();
  expect(await page.evaluate(() => localStorage.getItem('modelstream.apiKey'))).toBeNull();
  await page.context().close();
});

it('lets the SDK in with MODELSTREAM_API_KEY, and answers it 401 without', async () => {
  const env = { MODELSTREAM_URL: apps.portalUrl, MODELSTREAM_API_KEY: key };
  const saved = { url: process.env.MODELSTREAM_URL, key: process.env.MODELSTREAM_API_KEY };
  Object.assign(process.env, env);
  try {
    const jobs = await new ModelstreamClient().listJobs({ limit: 5 });
    expect(Array.isArray(jobs.items)).toBe(true);
    await expect(new ModelstreamClient({ apiKey: 'msk_wrong' }).listJobs()).rejects.toBeInstanceOf(UnauthorizedError);
  } finally {
    process.env.MODELSTREAM_URL = saved.url;
    process.env.MODELSTREAM_API_KEY = saved.key;
    if (saved.url === undefined) delete process.env.MODELSTREAM_URL;
    if (saved.key === undefined) delete process.env.MODELSTREAM_API_KEY;
  }
});
