/**
 * What the HTTP benches divide by: a floor server (the thinnest `node:http` server doing the same work as the
 * app's route, a script beside the bench) started as its own process like the app, loaded with the same
 * autocannon settings right after it, and every figure printed as a ratio to the floor's.
 */
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { findProjectRoot } from '@modelstream/config';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  avg: number;
  errors: number;
}

export interface LoadOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  seconds: number;
}

export async function load(url: string, o: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url,
    method: o.method ?? 'GET',
    headers: o.headers,
    body: o.body,
    connections: o.connections,
    duration: o.seconds,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    avg: result.latency.average,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Loads each url in turn, `rounds` times over (each run `seconds / rounds` long), so that a burst of load from
 * elsewhere on the machine falls on all of them alike: req/s is the mean of the runs, p50/p99 their median.
 */
export async function loadInTurn(urls: string[], o: LoadOptions, rounds: number): Promise<LoadResult[]> {
  const runs: LoadResult[][] = urls.map(() => []);
  const seconds = Math.max(1, Math.round(o.seconds / rounds));
  for (let r = 0; r < rounds; r++) {
    for (const [i, url] of urls.entries()) runs[i].push(await load(url, { ...o, seconds }));
  }
  return runs.map((rs) => ({
    rps: rs.reduce((a, x) => a + x.rps, 0) / rs.length,
    p50: median(rs.map((x) => x.p50)),
    p99: median(rs.map((x) => x.p99)),
    avg: rs.reduce((a, x) => a + x.avg, 0) / rs.length,
    errors: rs.reduce((a, x) => a + x.errors, 0),
  }));
}

export interface RunningFloor {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts `script` (TypeScript, run with tsx) with FLOOR_PORT=port and waits until GET /ping answers 200. */
export async function startFloor(
  script: string,
  port: number,
  env: Record<string, string> = {},
  timeoutMs = 120_000,
): Promise<RunningFloor> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: findProjectRoot(__dirname),
    env: { ...process.env, NODE_OPTIONS: '', FLOOR_PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`floor ${script} exited with ${child.exitCode}:\n${log.slice(-4000)}`);
    const ok = await fetch(`${url}/ping`, { signal: AbortSignal.timeout(2000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`floor ${script} did not answer ${url}/ping within ${timeoutMs} ms:\n${log.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    process: child,
    output: () => log,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

const x = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');

/** One line: the app's figures, the floor's, and the ratios (req/s app/floor: higher is better; latency app/floor: lower is). */
export function compareLine(name: string, app: LoadResult, floor: LoadResult): string {
  return (
    `${name}: app ${Math.round(app.rps)} req/s p50 ${app.p50} ms p99 ${app.p99} ms | floor ${Math.round(floor.rps)} req/s ` +
    `p50 ${floor.p50} ms p99 ${floor.p99} ms | ratio req/s ${x(app.rps, floor.rps)}, p50 ${x(app.p50, floor.p50)}, ` +
    `p99 ${x(app.p99, floor.p99)}${app.errors + floor.errors > 0 ? `  (errors: app ${app.errors}, floor ${floor.errors})` : ''}`
  );
}
