/**
 * Starts a built app (dist/) as a child process on a given port, against the real stack, and waits until
 * it listens. Used by e2e tests that drive the apps over HTTP exactly as a user would.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { findProjectRoot } from '@modelstream/config';

export type AppName = 'ingest' | 'trainer' | 'inference' | 'portal';

export interface RunningApp {
  name: AppName;
  url: string;
  process: ChildProcess;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

const PORT_VAR: Record<AppName, string> = {
  ingest: 'INGEST_PORT',
  trainer: 'TRAINER_PORT',
  inference: 'INFERENCE_PORT',
  portal: 'PORTAL_PORT',
};

// jest --forceExit ends the test process without the suites' afterAll: the apps must not outlive it (an
// orphan keeps its port, and the next run would talk to an app built from older code).
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

const portTaken = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => resolve(!!socket.end()));
    socket.once('error', () => resolve(false));
  });

/** Adds the app's last log lines to a failure of `work`, so a test that waited on the app in vain says why. */
export async function withAppLog<T>(app: RunningApp, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof Error) error.message += `\n--- the ${app.name}'s log, last lines ---\n${app.output().slice(-6000)}`;
    throw error;
  }
}

/**
 * Waits for apps started side by side. If one fails to start, the others are stopped before its failure is
 * thrown: a suite's afterAll only knows the apps this returned, and an app left running keeps its port.
 */
export async function startTogether<T extends readonly Promise<RunningApp>[] | []>(
  starts: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled: PromiseSettledResult<RunningApp>[] = await Promise.allSettled(starts as readonly Promise<RunningApp>[]);
  const started = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(started.map((app) => app.stop('SIGKILL')));
    throw failed.reason;
  }
  return started as { -readonly [K in keyof T]: Awaited<T[K]> };
}

export async function startApp(name: AppName, port: number, env: Record<string, string> = {}, timeoutMs = 90_000): Promise<RunningApp> {
  const root = findProjectRoot(__dirname);
  const main = join(root, 'dist/apps', name, 'apps', name, 'src/main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npx nest build ${name}\` first (scripts/test.sh does)`);
  if (await portTaken(port)) throw new Error(`port ${port} is already taken (a ${name} left over from an earlier run?): free it first`);
  const child = spawn(
    process.execPath,
    [...nodeFlags(root, name), '--enable-source-maps', '--disable-warning=TimeoutNegativeWarning', main],
    {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn', [PORT_VAR[name]]: String(port), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.add(child);
  child.once('exit', () => children.delete(child));
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-200_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} while starting:\n${log.slice(-4000)}`);
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200 || res.status === 503) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not listen on ${url} within ${timeoutMs} ms:\n${log.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }

  return {
    name,
    url,
    process: child,
    output: () => log,
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** The app's own node flags, as scripts/apps.sh starts it (package.json "modelstream.nodeFlags"). */
function nodeFlags(root: string, name: AppName): string[] {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    modelstream?: { nodeFlags?: Record<string, string[]> };
  };
  return manifest.modelstream?.nodeFlags?.[name] ?? [];
}
