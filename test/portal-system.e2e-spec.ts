/**
 * The System page in a real Chromium, on the fault suites' private stack (Redis is stopped here, never on the
 * stack a user's apps run on): each app's health refreshing on its own, Redis going down on the ingest card
 * and coming back (both timed), the trainer instances and consumer lag, a dead letter republished, and an app
 * that stopped answering shown down with the error. Screenshots in .stack/screenshots/portal-system/.
 */
import type { Browser } from 'playwright-core';
import { loadConfig } from '@modelstream/config';
import { TOPICS } from '@modelstream/contracts';
import { KafkaClient } from '@modelstream/kafka';
import { getJson } from './support/ingest-client';
import { launchChromium, newPage, type PortalApps, type PortalPage, shot, startPortalApps } from './support/portal-harness';
import { stackService } from './support/stack';

jest.setTimeout(300_000);

const SPEC = 'portal-system';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
let apps: PortalApps;
let browser: Browser;
let page: PortalPage;

beforeAll(async () => {
  [apps, browser] = await Promise.all([startPortalApps({ ingest: 3525, trainer: 3526, inference: 3527, portal: 3528 }), launchChromium()]);
  page = await newPage(browser, DESKTOP);
});

afterAll(async () => {
  stackService('up', 'redis');
  await browser?.close();
  await apps?.stop();
});

const card = (p: PortalPage, app: string, state?: 'up' | 'down') =>
  p.locator(`article[data-app="${app}"]${state ? `[data-state="${state}"]` : ''}`);

/** The dead letters the ingest app lists. */
async function deadLetters(): Promise<{ total: number; items: { origin: { topic: string | null } }[] }> {
  const res = await getJson<{ total: number; items: { origin: { topic: string | null } }[] }>(
    `${apps.ingest.url}/api/dead-letters?limit=100`,
  );
  if (res.status !== 200) throw new Error(`GET /api/dead-letters answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

describe('the System page', () => {
  it("shows each app's checks up with their latency, the trainer instance and the consumer lag", async () => {
    await page.goto(`${apps.portalUrl}/system`);
    for (const app of ['ingest', 'inference', 'trainer']) await card(page, app, 'up').waitFor({ timeout: 20_000 });
    const ingestChecks = await card(page, 'ingest')
      .locator('tr[data-check]')
      .evaluateAll((trs) =>
        trs.map((tr) => [tr.getAttribute('data-check'), tr.getAttribute('data-state'), tr.lastElementChild?.textContent]),
      );
    expect(ingestChecks.map(([name, state]) => [name, state])).toEqual(
      ['kafka', 'mariadb', 'object-store', 'redis', 'schema-registry'].map((name) => [name, 'up']),
    );
    for (const [, , latency] of ingestChecks) expect(latency).toMatch(/^\d+(\.\d+)? ms$/);

    // the checks are asked again every ~3 s: the time under a card moves on without a reload
    const checkedAt = () => card(page, 'ingest').locator('.hint').first().textContent();
    const before = await checkedAt();
    await page.waitForFunction(
      `document.querySelector('article[data-app="ingest"] .hint')?.textContent !== ${JSON.stringify(before)}`,
      undefined,
      {
        timeout: 10_000,
      },
    );

    await page.locator('[data-trainer]').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('.lag-table tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('.lag-table').textContent()).toContain('modelstream-trainer');
    await shot(page, SPEC, 'system-1280', { fullPage: true });
    expect(page.problems()).toEqual([]);
  });

  it('lists a dead letter and republishes it', async () => {
    // an undecodable message: the projectors reading the topic dead-letter it at once
    const kafka = new KafkaClient(loadConfig());
    try {
      await kafka.send(TOPICS.uploadChunks.name, [{ key: 'portal-system-poison', value: Buffer.from('not an avro event') }]);
    } finally {
      await kafka.onApplicationShutdown();
    }
    const deadline = Date.now() + 60_000;
    while (!(await deadLetters()).items.some((l) => l.origin.topic?.endsWith(TOPICS.uploadChunks.name))) {
      if (Date.now() > deadline) throw new Error('the poison message was not dead-lettered within 60 s');
      await new Promise((r) => setTimeout(r, 500));
    }
    await page.reload();
    const row = page.locator('.dlq-table tbody tr', { hasText: TOPICS.uploadChunks.name }).first();
    await row.waitFor({ timeout: 20_000 });
    await row.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Republish selected (1)' }).click();
    await page.getByText(/^Republished 1 letter: /).waitFor({ timeout: 20_000 });
    expect(await page.getByText(/^Republished 1 letter: /).textContent()).toContain(`→ ${TOPICS.uploadChunks.name}`);
    await shot(page, SPEC, 'system-dead-letters-1280', { fullPage: true });
    expect(page.problems()).toEqual([]);
  });

  it('shows Redis going down on the ingest card and coming back, refreshing on its own', async () => {
    const phone = await newPage(browser, PHONE);
    await phone.goto(`${apps.portalUrl}/system`);
    await card(phone, 'ingest', 'up').waitFor({ timeout: 20_000 });

    const stopped = Date.now();
    stackService('down', 'redis');
    const redisDown = card(page, 'ingest', 'down').locator('tr[data-check="redis"][data-state="down"]');
    await redisDown.waitFor({ timeout: 30_000 });
    console.log(`portal-system: Redis stopped → shown down on the System page ${Date.now() - stopped} ms later`);
    expect(await card(page, 'ingest').getByRole('alert').textContent()).toContain('redis down');
    expect(await card(page, 'ingest').locator('tr[data-check="kafka"]').getAttribute('data-state')).toBe('up');
    expect(await card(page, 'inference').getAttribute('data-state')).toBe('up');
    await card(phone, 'ingest', 'down').waitFor({ timeout: 30_000 });
    await page.evaluate('window.scrollTo(0, 0)');
    await shot(page, SPEC, 'system-redis-down-1280');
    await shot(phone, SPEC, 'system-redis-down-390', { fullPage: true });

    const started = Date.now();
    stackService('up', 'redis');
    await card(page, 'ingest', 'up').waitFor({ timeout: 60_000 });
    console.log(`portal-system: Redis started → shown up again ${Date.now() - started} ms later`);
    await card(phone, 'ingest', 'up').waitFor({ timeout: 30_000 });
    await shot(phone, SPEC, 'system-390', { fullPage: true });
    // the browser logs each 503 of /health/ingest while Redis is down; the lag and dead letters may answer 503 too
    const ignore = [/status of 503.*\/(health\/ingest|api\/ops\/consumers|api\/dead-letters)/];
    expect(page.problems(...ignore)).toEqual([]);
    expect(phone.problems(...ignore)).toEqual([]);
    await phone.context().close();
  });

  it('shows an app that stopped answering as down, with the error', async () => {
    await apps.trainer!.stop();
    const down = card(page, 'trainer', 'down');
    await down.waitFor({ timeout: 20_000 });
    expect(await down.getByRole('alert').textContent()).toMatch(/trainer|not reachable|did not answer/i);
    expect(await down.locator('.hint').first().textContent()).toMatch(/HTTP 5\d\d|no answer/);
    await page.evaluate('window.scrollTo(0, 0)');
    await shot(page, SPEC, 'system-trainer-down-1280');
  });
});
