/**
 * Ingest bench: 25 MiB CSV uploads in 1 MiB chunks against the ingest app and, in the same run, against its
 * floors (bench/ingest/floor.ts: `store` = node:http + busboy + one S3 PutObject + one Kafka produce per chunk;
 * `sink` = node:http that only reads the body). Two scenarios, rounds interleaved across the three targets:
 * one upload at a time, and 4 uploads at once. Prints throughput, chunk-ack p50/p99 (the last chunk —
 * whole-file checks, dataset, training request — apart), each as a ratio to the floor, and the app's stage
 * breakdown from its Server-Timing header ("receive" = from the request's headers to the handler: the body on
 * the wire, multipart parsing, guards, pipes; "transfer" = the round trip minus the app's stages: the client,
 * the headers' way in, the answer's way out) and its main-thread GC pauses over its rounds (gc-pauses.ts). And per
 * target, where the machine's CPU went during its rounds: how busy its cores were, and the cores used by the target,
 * the bench's own client and each of the stack's services (the parts under the target share the same cores), and
 * their CPU per MiB together with the rate at which it would fill every core (the ceiling the machine sets); and the
 * app's CPU per MiB by thread (main thread, the inspection worker, V8's GC and compiler helpers, libuv's pool).
 *
 *   npm run build (or npx nest build ingest), then
 *   npx tsx --tsconfig tsconfig.json bench/ingest/run.ts [--rounds 5] [--concurrent-rounds 3] [--clients 4]
 *     [--size-mb 25] [--chunk-mb 1] [--url http://127.0.0.1:3000: load a running app instead of starting one]
 *
 * The started app runs in a namespace of its own (topics bench.*, Redis bench:ms:*, database modelstream_bench,
 * buckets modelstream-bench-*); the stored objects, Redis keys and database are removed at the end. Bounded: 15 min.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { findProjectRoot, loadConfig } from '@modelstream/config';
import { deleteRedisKeys } from '@modelstream/ingest-ops';
import { ObjectStore, dropDatabase, openHistoryDatabase } from '@modelstream/storage';
import Redis from 'ioredis';
import { RunningApp, startApp } from '../../test/support/app-process';
import { addThreadSeconds, cpuSeconds, machineTicks, stackPids, threadLine, threadSeconds } from './cpu';
import { addGc, gcLine, noGc, scrapeGc } from './gc-pauses';
import { makeCsv, MiB, percentile, upload, UploadResult, variant } from './upload-client';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
const ROUNDS = Number(args.get('rounds') ?? 5);
const CONCURRENT_ROUNDS = Number(args.get('concurrent-rounds') ?? 3);
const CLIENTS = Number(args.get('clients') ?? 4);
const FILE_BYTES = Math.floor(Number(args.get('size-mb') ?? 25) * MiB);
const CHUNK_BYTES = Math.floor(Number(args.get('chunk-mb') ?? 1) * MiB);
const APP_PORT = 3170;
const FLOOR_PORTS = { store: 3171, sink: 3172 };
const NAMESPACE = {
  KAFKA_NAMESPACE: 'bench.',
  REDIS_KEY_PREFIX: 'bench:ms:',
  MARIADB_DATABASE: 'modelstream_bench',
  S3_BUCKET_UPLOADS: 'modelstream-bench-uploads',
  S3_BUCKET_RESULTS: 'modelstream-bench-results',
};
const FLOOR_BUCKET = 'modelstream-bench-floor';
const say = (line: string) => process.stdout.write(`${line}\n`);
const f1 = (n: number) => n.toFixed(1);

type Target = 'app' | 'store' | 'sink';
const TARGETS: Target[] = ['app', 'store', 'sink'];
interface Measured {
  rounds: number[];
  uploads: UploadResult[];
  /** CPU seconds the target's processes spent, and the MiB it took meanwhile. */
  cpu: number;
  mib: number;
  /** Over its rounds: wall seconds, the machine's busy and total ticks, and the CPU seconds of the client and each service. */
  wall: number;
  machine: { busy: number; total: number };
  shares: Map<string, number>;
  /** The target's CPU seconds by thread (its main process only: the app's main thread, inspection worker, V8's and libuv's helpers). */
  threads: Map<string, number>;
}
const measured = (): Measured => ({
  rounds: [],
  uploads: [],
  cpu: 0,
  mib: 0,
  wall: 0,
  machine: { busy: 0, total: 0 },
  shares: new Map(),
  threads: new Map(),
});
/** The app's main-thread GC pauses over its rounds, and the MiB it took meanwhile. */
const gc = { single: { totals: noGc(), mib: 0 }, concurrent: { totals: noGc(), mib: 0 } };
const results: Record<'single' | 'concurrent', Record<Target, Measured>> = {
  single: { app: measured(), store: measured(), sink: measured() },
  concurrent: { app: measured(), store: measured(), sink: measured() },
};
/** The process of each target, for its CPU time (none for an app already running elsewhere). */
const pids: Partial<Record<Target, number>> = {};
/** The stack's services, for where the machine's CPU went during a round. */
const services = stackPids(
  process.env.STACK_DIR?.startsWith('/') ? process.env.STACK_DIR : join(findProjectRoot(__dirname), process.env.STACK_DIR ?? '.stack'),
);
const CPUS = machineTicks().cpus;

/** CPU seconds so far of the bench's own client (this process) and of each of the stack's services. */
function shareSeconds(): Map<string, number> {
  const { user, system } = process.cpuUsage();
  const seconds = new Map([['bench client', (user + system) / 1e6]]);
  for (const [service, pid] of services) seconds.set(service, cpuSeconds(pid));
  return seconds;
}

function startFloor(mode: 'store' | 'sink', env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const tsx = join(__dirname, '../../node_modules/.bin/tsx');
  const child = spawn(
    tsx,
    ['--tsconfig', 'tsconfig.json', join(__dirname, 'floor.ts'), mode, String(FLOOR_PORTS[mode]), FLOOR_BUCKET, 'bench.ingest-floor'],
    {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`floor ${mode} exited with ${code}`)));
  });
}

async function round(scenario: 'single' | 'concurrent', target: Target, url: string, files: Buffer[][]): Promise<void> {
  const pid = pids[target];
  const cpuBefore = pid ? cpuSeconds(pid) : 0;
  const threadsBefore = pid ? threadSeconds(pid) : new Map<string, number>();
  const gcBefore = target === 'app' ? await scrapeGc(url) : null;
  const sharesBefore = shareSeconds();
  const machineBefore = machineTicks();
  const started = performance.now();
  const uploads = await Promise.all(files.map((file, i) => upload(url, file, `bench-${target}-${i}`)));
  const seconds = (performance.now() - started) / 1000;
  const machineAfter = machineTicks();
  const bytes = files.flat().reduce((sum, chunk) => sum + chunk.length, 0);
  const into = results[scenario][target];
  into.wall += seconds;
  into.machine.busy += machineAfter.busy - machineBefore.busy;
  into.machine.total += machineAfter.total - machineBefore.total;
  for (const [name, after] of shareSeconds())
    into.shares.set(name, (into.shares.get(name) ?? 0) + after - (sharesBefore.get(name) ?? after));
  into.rounds.push(bytes / MiB / seconds);
  into.uploads.push(...uploads);
  if (gcBefore) {
    addGc(gc[scenario].totals, gcBefore, await scrapeGc(url));
    gc[scenario].mib += bytes / MiB;
  }
  if (pid) {
    into.cpu += cpuSeconds(pid) - cpuBefore;
    addThreadSeconds(into.threads, threadsBefore, threadSeconds(pid));
    into.mib += bytes / MiB;
  }
}

function report(scenario: 'single' | 'concurrent'): void {
  const r = results[scenario];
  const summary = (t: Target) => {
    const chunks = r[t].uploads.flatMap((u) => u.chunks);
    const mean = r[t].rounds.reduce((a, b) => a + b, 0) / r[t].rounds.length;
    return {
      mean,
      p50: percentile(
        chunks.filter((c) => !c.last).map((c) => c.ms),
        50,
      ),
      p99: percentile(
        chunks.filter((c) => !c.last).map((c) => c.ms),
        99,
      ),
      last50: percentile(
        chunks.filter((c) => c.last).map((c) => c.ms),
        50,
      ),
      last99: percentile(
        chunks.filter((c) => c.last).map((c) => c.ms),
        99,
      ),
      rounds: r[t].rounds,
      cpu: r[t].mib ? `, ${f1((r[t].cpu * 1000) / r[t].mib)} ms CPU/MiB` : '',
    };
  };
  const [app, store, sink] = TARGETS.map(summary);
  say(`\n${scenario === 'single' ? 'one upload at a time' : `${CLIENTS} uploads at once`} (${app.rounds.length} rounds each)`);
  for (const [name, s] of [
    ['app  ', app],
    ['floor', store],
    ['sink ', sink],
  ] as const) {
    say(
      `  ${name} ${f1(s.mean).padStart(6)} MiB/s (rounds ${s.rounds.map(f1).join(', ')})  chunk-ack p50 ${f1(s.p50)} ms  p99 ${f1(s.p99)} ms  ` +
        `last chunk p50 ${f1(s.last50)} ms  p99 ${f1(s.last99)} ms${s.cpu}`,
    );
  }
  say(
    `  app / floor: throughput ${(app.mean / store.mean).toFixed(2)}×, chunk-ack p99 ${(app.p99 / store.p99).toFixed(2)}×; app / sink: ${(app.mean / sink.mean).toFixed(2)}×`,
  );
  if (gc[scenario].mib > 0) say(gcLine(gc[scenario].totals, gc[scenario].mib));
  for (const t of TARGETS) say(`  ${t.padEnd(5)} ${cpuLine(t, r[t])}`);
  if (r.app.mib > 0) say(`  app threads (ms CPU/MiB): ${threadLine(r.app.threads, r.app.mib)}`);
  for (const [who, label, last] of [
    ['app', 'chunks', false],
    ['app', 'last chunk', true],
    ['floor', 'chunks', false],
  ] as const) {
    const chunks = r[who === 'app' ? 'app' : 'store'].uploads.flatMap((u) => u.chunks).filter((c) => c.last === last);
    const names = [...new Set(chunks.flatMap((c) => [...c.stages.keys()]))];
    const stage = (name: string) => chunks.map((c) => c.stages.get(name) ?? 0);
    const transfer = chunks.map((c) => c.ms - [...c.stages.values()].reduce((a, b) => a + b, 0));
    const cells = [['transfer', transfer], ...names.map((n) => [n, stage(n)] as const)] as const;
    say(
      `  ${who} stages, ${label} (p50/p99 ms): ${cells.map(([n, v]) => `${n} ${f1(percentile([...v], 50))}/${f1(percentile([...v], 99))}`).join('  ')}`,
    );
  }
}

/** How busy the machine's cores were during a target's rounds, and the cores used by each part meanwhile. */
function cpuLine(target: Target, m: Measured): string {
  if (m.wall === 0 || m.machine.total === 0) return 'machine CPU: not measured';
  const cores = (seconds: number) => (seconds / m.wall).toFixed(2);
  const shares = [...m.shares].filter(([, seconds]) => seconds / m.wall >= 0.005).sort((a, b) => b[1] - a[1]); // idle ones left out
  const parts = [...(m.mib > 0 ? [[target, m.cpu] as const] : []), ...shares];
  // Every part's CPU per MiB together, and the rate at which it would take all the cores: what the machine allows.
  const perMiB = m.mib > 0 ? (1000 * parts.reduce((sum, [, seconds]) => sum + seconds, 0)) / m.mib : 0;
  const ceiling = perMiB > 0 ? `; all of them ${f1(perMiB)} ms CPU/MiB: at most ${f1((CPUS * 1000) / perMiB)} MiB/s on ${CPUS} cores` : '';
  return (
    `machine ${((100 * m.machine.busy) / m.machine.total).toFixed(0)}% busy of ${CPUS} cores; cores used: ` +
    parts.map(([name, seconds]) => `${name} ${cores(seconds)}`).join(', ') +
    ceiling
  );
}

async function main(): Promise<void> {
  const deadline = setTimeout(() => {
    process.stderr.write('ingest bench: gave up after 15 minutes\n');
    process.exit(1);
  }, 15 * 60_000);
  const env = { ...process.env, ...NAMESPACE };
  Object.assign(process.env, NAMESPACE);
  const config = loadConfig();
  let app: RunningApp | undefined;
  const floors: ChildProcess[] = [];
  let url = args.get('url');
  try {
    if (!url) {
      await (await openHistoryDatabase(config, NAMESPACE.MARIADB_DATABASE)).destroy();
      app = await startApp('ingest', APP_PORT, { ...NAMESPACE, WATCHDOG_INTERVAL_MS: '0', LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' });
      url = app.url;
    }
    floors.push(await startFloor('store', env), await startFloor('sink', env));
    Object.assign(pids, { app: app?.process.pid, store: floors[0].pid, sink: floors[1].pid });
    const urls: Record<Target, string> = {
      app: url,
      store: `http://127.0.0.1:${FLOOR_PORTS.store}`,
      sink: `http://127.0.0.1:${FLOOR_PORTS.sink}`,
    };
    const base = makeCsv(FILE_BYTES);
    let n = Date.now() % 1_000_000;
    say(
      `ingest bench: ${f1(base.length / MiB)} MiB files in ${Math.ceil(base.length / CHUNK_BYTES)} chunks of ${CHUNK_BYTES / MiB} MiB; app ${url}`,
    );
    for (const t of TARGETS) await round('single', t, urls[t], [variant(base, n++, CHUNK_BYTES)]); // warm-up, not counted
    for (const t of TARGETS) results.single[t] = measured();
    gc.single = { totals: noGc(), mib: 0 };
    for (let i = 0; i < ROUNDS; i++) for (const t of TARGETS) await round('single', t, urls[t], [variant(base, n++, CHUNK_BYTES)]);
    report('single');
    for (let i = 0; i < CONCURRENT_ROUNDS; i++) {
      for (const t of TARGETS)
        await round(
          'concurrent',
          t,
          urls[t],
          Array.from({ length: CLIENTS }, () => variant(base, n++, CHUNK_BYTES)),
        );
    }
    report('concurrent');
  } finally {
    clearTimeout(deadline);
    for (const floor of floors) {
      floor.kill('SIGTERM');
      await once(floor, 'exit');
    }
    await app?.stop();
    if (app) await cleanup(config);
  }
}

async function cleanup(config: ReturnType<typeof loadConfig>): Promise<void> {
  const store = new ObjectStore(config);
  const redis = new Redis(config.REDIS_URL);
  await Promise.allSettled([
    store.deletePrefix(NAMESPACE.S3_BUCKET_UPLOADS, ''),
    store.deletePrefix(FLOOR_BUCKET, ''),
    deleteRedisKeys(redis, NAMESPACE.REDIS_KEY_PREFIX),
    dropDatabase(config, NAMESPACE.MARIADB_DATABASE),
  ]);
  store.onApplicationShutdown();
  redis.disconnect();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`ingest bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
