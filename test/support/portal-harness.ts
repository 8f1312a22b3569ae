/**
 * The browser tests' harness: the apps and the portal on the test's own ports (the suite's namespace, see
 * jest.config.js), Debian's Chromium driven by playwright-core, pages that record what went wrong in them,
 * and screenshots under .stack/screenshots/<spec>/<name>.png (not committed).
 *
 *   const apps = await startPortalApps({ ingest: 3501, trainer: 3502, inference: 3503, portal: 3504 });
 *   const browser = await launchChromium();
 *   const page = await newPage(browser, { width: 1280, height: 800 });
 *   await page.goto(apps.portalUrl);
 *   await shot(page, 'portal', 'train-1280');
 *   expect(page.problems()).toEqual([]);
 *   await browser.close(); await apps.stop();
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findProjectRoot } from '@modelstream/config';
import { type AppName, type RunningApp, startApp } from './app-process';

const root = findProjectRoot(__dirname);
export const SCREENSHOT_DIR = join(root, '.stack/screenshots');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface PortalPorts {
  ingest: number;
  /** false: no trainer (the portal's /health/trainer then answers that it is unreachable). */
  trainer: number | false;
  inference: number;
  portal: number;
}

export interface PortalApps {
  ingest: RunningApp;
  trainer?: RunningApp;
  inference: RunningApp;
  portal: RunningApp;
  /** Every app started, the portal last. */
  apps: RunningApp[];
  /** e.g. http://127.0.0.1:3504 (no trailing slash). */
  portalUrl: string;
  /** Stops them all (the portal first) and waits until they exited. */
  stop: () => Promise<void>;
}

/**
 * Starts ingest, inference (and the trainer unless `trainer: false`) on the given ports, then the portal
 * forwarding to them. `env` goes to every app; `perApp` adds settings to one of them.
 */
export async function startPortalApps(
  ports: PortalPorts,
  env: Record<string, string> = {},
  perApp: Partial<Record<AppName, Record<string, string>>> = {},
): Promise<PortalApps> {
  const web = join(root, 'dist/portal/web/index.html');
  if (!existsSync(web)) throw new Error(`${web} is missing: run \`npm run build:web\` first (scripts/test.sh does)`);
  const envOf = (app: AppName) => ({ ...env, ...perApp[app] });
  const started = await Promise.allSettled([
    startApp('ingest', ports.ingest, envOf('ingest')),
    startApp('inference', ports.inference, envOf('inference')),
    ports.trainer === false ? Promise.resolve(undefined) : startApp('trainer', ports.trainer, envOf('trainer')),
  ]);
  const running = started.flatMap((s) => (s.status === 'fulfilled' && s.value ? [s.value] : []));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await Promise.all(running.map((app) => app.stop()));
    throw failed.reason;
  }
  const [ingest, inference, trainer] = started.map((s) => (s as PromiseFulfilledResult<RunningApp | undefined>).value);
  let portal: RunningApp;
  try {
    portal = await startApp('portal', ports.portal, {
      INGEST_PORT: String(ports.ingest),
      INFERENCE_PORT: String(ports.inference),
      // port 1: nothing listens there, so the portal reports the trainer unreachable instead of asking a user's own
      TRAINER_PORT: String(ports.trainer === false ? 1 : ports.trainer),
      ...envOf('portal'),
    });
  } catch (error) {
    await Promise.all(running.map((app) => app.stop()));
    throw error;
  }
  const apps = [...running, portal];
  return {
    ingest: ingest!,
    inference: inference!,
    trainer,
    portal,
    apps,
    portalUrl: portal.url,
    stop: async () => {
      await portal.stop();
      await Promise.all(running.map((app) => app.stop()));
    },
  };
}

/** Debian's Chromium (CHROMIUM_PATH to use another), headless, without the calls home this machine refuses. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: install Debian's chromium (scripts/test.sh does: ensure_chromium in scripts/lib.sh)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A page that keeps what went wrong in it: console errors, uncaught exceptions and failed requests. */
export type PortalPage = Page & {
  /** What went wrong so far, one line each; lines matching one of `ignore` are left out. */
  problems: (...ignore: RegExp[]) => string[];
};

/**
 * A page in a fresh browser context (its own storage) with this viewport. Close it with `page.context().close()`.
 * The pages' content security policy is bypassed unless `csp` is set: Playwright's waitForFunction evaluates its
 * predicate as a string, which the policy (rightly) forbids; portal.e2e-spec checks every page under the policy.
 */
export async function newPage(
  browser: Browser,
  viewport: { width: number; height: number },
  options: { csp?: boolean } = {},
): Promise<PortalPage> {
  const context = await browser.newContext({ viewport, bypassCSP: !options.csp });
  const page = await context.newPage();
  const seen: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') seen.push(`console error: ${message.text()} (${message.location().url || page.url()})`);
  });
  page.on('pageerror', (error) => seen.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => {
    const failure = request.failure()?.errorText ?? 'failed';
    // a request cancelled on purpose (navigation, an AbortController closing a stream) is not a failure
    if (failure === 'net::ERR_ABORTED') return;
    seen.push(`request failed: ${request.method()} ${request.url()}: ${failure}`);
  });
  return Object.assign(page, {
    problems: (...ignore: RegExp[]) => seen.filter((line) => !ignore.some((re) => re.test(line))),
  });
}

/** Saves a screenshot of the viewport (or the whole page) as .stack/screenshots/<spec>/<name>.png; returns its path. */
export async function shot(page: Page, spec: string, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  const dir = join(SCREENSHOT_DIR, spec);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? false });
  return path;
}
