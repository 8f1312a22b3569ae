/**
 * Trainer soak: 30 trainings in a row on one trainer, through the real apps (an ingest app takes 25 MB
 * uploads over HTTP, a trainer trains them), every family, and one job whose model exhausts the memory a
 * job may take. Prints per job: family, status, seconds, the trainer's RSS after the job (its own process,
 * and with its fit workers) and the job's fit-worker peak RSS; then whether every normal job completed,
 * the memory job failed with its message, and the trainer's RSS stayed bounded.
 *
 *   npx nest build ingest && npx nest build trainer
 *   npx tsx bench/soak/run.ts [--jobs 30] [--size-mb 25] [--job-memory-mb 6144] [--deadline-min 60]
 *
 * It runs in a namespace of its own (topics, groups, Redis keys, database, buckets prefixed "soak"), on
 * ports 3563 (ingest) and 3564 (trainer), so it touches neither a user's apps nor the test suite's.
 * Bounded: each job at most 15 minutes, the whole soak at most --deadline-min.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { UPLOAD_LIMITS } from '@modelstream/contracts';
import { SyntheticRelation, syntheticDataset } from '@modelstream/ml';
import { startApp, RunningApp } from '../../test/support/app-process';
import { chunksOf, getJson, uploadFile } from '../../test/support/ingest-client';
import { soakDatabase, soakEnv } from './soak-namespace';
import { JobSpec, soakPlan } from './soak-plan';

const MB = 1024 * 1024;
const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
const jobs = Number(args.get('jobs') ?? 30);
const sizeBytes = Math.min(Math.floor(Number(args.get('size-mb') ?? 25) * MB), UPLOAD_LIMITS.maxFileBytes);
const jobMemoryMb = args.get('job-memory-mb');
const deadline = Date.now() + Number(args.get('deadline-min') ?? 60) * 60_000;
const JOB_TIMEOUT_MS = 15 * 60_000;

interface JobRow {
  n: number;
  family: string;
  status: string;
  seconds: number;
  trainerRssMb: number;
  trainerTotalRssMb: number;
  workerPeakMb: number;
  expected: 'completed' | 'memory';
  note: string;
}

/** A CSV of the relation as close under `bytes` as whole rows go. */
function datasetOf(relation: SyntheticRelation, bytes: number): Buffer {
  const options = { relation, features: 8, seed: 11, categorical: true, distractors: true };
  const sample = syntheticDataset({ ...options, rows: 2000 }).csv.length / 2000;
  let rows = Math.floor(bytes / sample);
  for (;;) {
    const csv = Buffer.from(syntheticDataset({ ...options, rows }).csv);
    if (csv.length <= bytes) return csv;
    rows = Math.floor(rows * 0.98);
  }
}

/** VmRSS of a process in bytes (0 once it is gone). */
function readProcRss(pid: number): number {
  try {
    return Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** RSS of a process and of it with its children (the trainer's fit workers), in MB. */
function rssOf(pid: number): { own: number; total: number } {
  const own = readProcRss(pid);
  let children: number[] = [];
  try {
    children = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    /* no children */
  }
  const total = children.reduce((sum, child) => sum + readProcRss(child), own);
  return { own: Math.round(own / MB), total: Math.round(total / MB) };
}

async function metric(trainer: RunningApp, name: string): Promise<number> {
  const text = await (await fetch(`${trainer.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : NaN;
}

interface StatusView {
  status: string;
  error: string | null;
  result: { workerPeakRssMb?: number } | null;
}

async function runJob(n: number, spec: JobSpec, data: Buffer, ingest: RunningApp, trainer: RunningApp): Promise<JobRow> {
  const started = performance.now();
  const answers = await uploadFile(ingest.url, data, chunksOf(data, 1 * MB), {
    filename: `soak-${n}.csv`,
    target: 'target',
    modelType: spec.modelType,
    params: JSON.stringify(spec.params),
    modelName: `soak-${spec.label.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/-+$/, '')}`,
  });
  const trackingId = answers[0].trackingId;
  let view: StatusView;
  const until = Math.min(deadline, Date.now() + JOB_TIMEOUT_MS);
  for (;;) {
    view = (await getJson<StatusView>(`${ingest.url}/api/model-train/status/${trackingId}`)).body;
    if (['completed', 'failed', 'cancelled'].includes(view.status)) break;
    if (Date.now() > until) throw new Error(`job ${n} (${spec.label}) did not end in time; last status ${view.status}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  const seconds = (performance.now() - started) / 1000;
  const rss = rssOf(trainer.process.pid!);
  const workerPeak = view.result?.workerPeakRssMb ?? (await metric(trainer, 'modelstream_trainer_fit_worker_peak_rss_bytes')) / MB;
  return {
    n,
    family: spec.label,
    status: view.status,
    seconds,
    trainerRssMb: rss.own,
    trainerTotalRssMb: rss.total,
    workerPeakMb: Math.round(workerPeak),
    expected: spec.exhaustsMemory ? 'memory' : 'completed',
    note: view.error ? view.error.slice(0, 90) : '',
  };
}

const pad = (value: string | number, width: number) => String(value).padStart(width);

async function main(): Promise<void> {
  Object.assign(process.env, soakEnv());
  await soakDatabase();
  const plan = soakPlan(jobs);
  console.log(`trainer soak: ${plan.length} jobs of ${(sizeBytes / MB).toFixed(1)} MB each, ${new Date().toISOString()}`);
  const datasets = new Map<SyntheticRelation, Buffer>();
  for (const relation of new Set(plan.map((p) => p.relation))) datasets.set(relation, datasetOf(relation, sizeBytes));

  const apps: RunningApp[] = [];
  try {
    apps.push(await startApp('ingest', 3563, { LOG_LEVEL: 'warn' }));
    const trainerEnv: Record<string, string> = { LOG_LEVEL: 'warn', ...(jobMemoryMb ? { TRAINER_JOB_MEMORY_MB: jobMemoryMb } : {}) };
    apps.push(await startApp('trainer', 3564, trainerEnv, 180_000));
    const [ingest, trainer] = apps;
    const first = rssOf(trainer.process.pid!);
    console.log(`trainer ready: RSS ${first.own} MB (${first.total} MB with its ready fit worker)`);
    console.log(
      `${pad('#', 3)}  ${'family'.padEnd(32)} ${'status'.padEnd(10)} ${pad('s', 6)} ${pad('trainer MB', 10)} ${pad('+workers', 9)} ${pad('worker peak', 11)}`,
    );
    const rows: JobRow[] = [];
    for (const [i, spec] of plan.entries()) {
      if (Date.now() > deadline) {
        console.log(`deadline reached after ${rows.length} jobs`);
        break;
      }
      const row = await runJob(i + 1, spec, datasets.get(spec.relation)!, ingest, trainer);
      rows.push(row);
      console.log(
        `${pad(row.n, 3)}  ${row.family.padEnd(32)} ${row.status.padEnd(10)} ${pad(row.seconds.toFixed(1), 6)} ${pad(row.trainerRssMb, 10)} ${pad(row.trainerTotalRssMb, 9)} ${pad(row.workerPeakMb, 11)}  ${row.note}`,
      );
    }
    report(rows, trainer);
  } finally {
    await Promise.all(apps.map((a) => a.stop()));
  }
}

function report(rows: JobRow[], trainer: RunningApp): void {
  const normal = rows.filter((r) => r.expected === 'completed');
  const failedNormal = normal.filter((r) => r.status !== 'completed');
  const memoryJobs = rows.filter((r) => r.expected === 'memory');
  const memoryOk = memoryJobs.every((r) => r.status === 'failed' && /needed more than \d+ MB of memory|ran out of memory/.test(r.note));
  const half = Math.ceil(rows.length / 2);
  const maxOf = (rs: JobRow[]) => Math.max(...rs.map((r) => r.trainerRssMb));
  const firstHalf = maxOf(rows.slice(0, half));
  const secondHalf = maxOf(rows.slice(half));
  const bounded = secondHalf <= firstHalf * 1.25;
  console.log('');
  console.log(`normal jobs completed: ${normal.length - failedNormal.length}/${normal.length}`);
  console.log(`memory-exhausting job failed with its message: ${memoryOk ? 'yes' : 'NO'}`);
  console.log(
    `trainer RSS (own process) after each job: ${Math.min(...rows.map((r) => r.trainerRssMb))}–${Math.max(...rows.map((r) => r.trainerRssMb))} MB`,
  );
  console.log(`  max over the first ${half} jobs ${firstHalf} MB, over the rest ${secondHalf} MB: ${bounded ? 'bounded' : 'GROWING'}`);
  console.log(`fit-worker peak RSS of completed jobs: up to ${Math.max(...normal.map((r) => r.workerPeakMb))} MB`);
  console.log(`trainer still running: ${trainer.process.exitCode === null ? 'yes' : 'NO'}`);
  if (failedNormal.length > 0 || !memoryOk || !bounded) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
