/**
 * What the HTTP benches divide by: a floor server (the thinnest `node:http` server doing the same work as the
 * app's route, a script beside the bench) started as its own process like the app, loaded with the same
 * autocannon settings right after it, and every figure printed as a ratio to the floor's.
 */
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { findProjectRoot } from '@modelstream/config';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  avg: number;
  errors: number;
  /** The server's CPU time (user + system, from /proc) per request answered, when its pid was given. */
  cpuUs?: number;
  /** The system (kernel) part of cpuUs. */
  sysUs?: number;
  /**
   * Cross-CPU wake-ups per request answered, the whole machine's (function-call interrupts: a task woken on another
   * core that sat idle, such as the bench client after an answer, or the server after a request), when Linux shows them.
   */
  wakeups?: number;
}

export interface LoadOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  seconds: number;
  /** The server's process: its CPU time per request is measured too (Linux). */
  pid?: number;
  /** Requests a second, all connections together (autocannon's overallRate); none: as fast as the server answers. */
  rate?: number;
}

/** A process's CPU time so far, user and system, in µs. */
function cpuTimeUs(pid: number): { user: number; sys: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return { user: (Number(fields[11]) * 1e6) / CLOCK_TICKS, sys: (Number(fields[12]) * 1e6) / CLOCK_TICKS };
}
const CLOCK_TICKS = 100; // USER_HZ: 100 on Linux

/** The function-call interrupts of every CPU in a /proc/interrupts text (its `CAL:` row); undefined without one. */
export function functionCallInterrupts(text: string): number | undefined {
  const row = text.split('\n').find((line) => line.trimStart().startsWith('CAL:'));
  if (!row) return undefined;
  let total = 0;
  for (const field of row.trim().split(/\s+/).slice(1)) {
    if (!/^\d+$/.test(field)) break; // the counts end where the description starts
    total += Number(field);
  }
  return total;
}

function wakeupsSoFar(): number | undefined {
  try {
    return functionCallInterrupts(readFileSync('/proc/interrupts', 'utf8'));
  } catch {
    return undefined; // not Linux, or not readable here
  }
}

export async function load(url: string, o: LoadOptions): Promise<LoadResult> {
  const cpuBefore = o.pid === undefined ? undefined : cpuTimeUs(o.pid);
  const wakeupsBefore = wakeupsSoFar();
  const result = await autocannon({
    url,
    method: o.method ?? 'GET',
    headers: o.headers,
    body: o.body,
    connections: o.connections,
    duration: o.seconds,
    ...(o.rate === undefined ? {} : { overallRate: o.rate }),
  });
  const answered = Math.max(1, result.requests.total);
  const cpuAfter = o.pid === undefined ? undefined : cpuTimeUs(o.pid);
  const wakeupsAfter = wakeupsSoFar();
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    avg: result.latency.average,
    errors: result.errors + result.timeouts + result.non2xx,
    ...(cpuBefore && cpuAfter
      ? {
          cpuUs: (cpuAfter.user + cpuAfter.sys - cpuBefore.user - cpuBefore.sys) / answered,
          sysUs: (cpuAfter.sys - cpuBefore.sys) / answered,
        }
      : {}),
    ...(wakeupsBefore !== undefined && wakeupsAfter !== undefined ? { wakeups: (wakeupsAfter - wakeupsBefore) / answered } : {}),
  };
}

const WARM_UP_SECONDS = 2;

/**
 * The fixed rate of an equal-rate comparison, as a share of the app's requests/s: one both serve in full, so CPU per
 * request is compared with the machine as idle for both, and the tail is the one an open-loop client sees (a closed
 * loop of N connections hides a stall: only N requests wait in it).
 */
export const EQUAL_RATE_SHARE = 0.5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Loads each url in turn, `rounds` times over (each run `seconds / rounds` long), so that a burst of load from
 * elsewhere on the machine falls on all of them alike: req/s is the mean of the runs, p50/p99 their median. Each
 * is warmed up first (WARM_UP_SECONDS, not counted): an app has far more code for the JIT to compile than a floor.
 * BENCH_VERBOSE=1 prints every run.
 */
export async function loadInTurn(urls: string[], o: LoadOptions, rounds: number, pids: (number | undefined)[] = []): Promise<LoadResult[]> {
  const runs: LoadResult[][] = urls.map(() => []);
  const seconds = Math.max(1, Math.round(o.seconds / rounds));
  for (const url of urls) await load(url, { ...o, seconds: WARM_UP_SECONDS });
  for (let r = 0; r < rounds; r++) {
    for (const [i, url] of urls.entries()) {
      runs[i].push(await load(url, { ...o, seconds, pid: pids[i] }));
      if (process.env.BENCH_VERBOSE === '1') process.stdout.write(`  (round ${r + 1}, ${url}: ${Math.round(runs[i][r].rps)} req/s)\n`);
    }
  }
  return runs.map((rs) => ({
    rps: rs.reduce((a, x) => a + x.rps, 0) / rs.length,
    p50: median(rs.map((x) => x.p50)),
    p99: median(rs.map((x) => x.p99)),
    avg: rs.reduce((a, x) => a + x.avg, 0) / rs.length,
    errors: rs.reduce((a, x) => a + x.errors, 0),
    cpuUs: meanOf(rs, 'cpuUs'),
    sysUs: meanOf(rs, 'sysUs'),
    wakeups: meanOf(rs, 'wakeups'),
  }));
}

const meanOf = (rs: LoadResult[], key: 'cpuUs' | 'sysUs' | 'wakeups') =>
  rs.every((r) => r[key] !== undefined) ? rs.reduce((a, r) => a + r[key]!, 0) / rs.length : undefined;

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
const cpuOf = (r: LoadResult) => `${r.cpuUs!.toFixed(0)} µs${r.sysUs === undefined ? '' : ` (kernel ${r.sysUs.toFixed(0)})`}`;
const cpuPart = (app: LoadResult, floor: LoadResult) =>
  app.cpuUs === undefined || floor.cpuUs === undefined
    ? ''
    : ` | CPU per request: app ${cpuOf(app)}, floor ${cpuOf(floor)}, ${x(app.cpuUs, floor.cpuUs)}` +
      (app.wakeups === undefined || floor.wakeups === undefined
        ? ''
        : ` | cross-CPU wake-ups per request: app ${app.wakeups.toFixed(2)}, floor ${floor.wakeups.toFixed(2)}`);

export function compareLine(name: string, app: LoadResult, floor: LoadResult): string {
  return (
    `${name}: app ${Math.round(app.rps)} req/s p50 ${app.p50} ms p99 ${app.p99} ms | floor ${Math.round(floor.rps)} req/s ` +
    `p50 ${floor.p50} ms p99 ${floor.p99} ms | ratio req/s ${x(app.rps, floor.rps)}, p50 ${x(app.p50, floor.p50)}, ` +
    `p99 ${x(app.p99, floor.p99)}${cpuPart(app, floor)}${app.errors + floor.errors > 0 ? `  (errors: app ${app.errors}, floor ${floor.errors})` : ''}`
  );
}
