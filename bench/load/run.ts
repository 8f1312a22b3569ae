/**
 * CSV load + preprocessing speed and memory, side by side with pandas + scikit-learn on the same files:
 * our `readCsvTable` (bytes → typed columns) then `prepareDataset` (plan the columns, split 80/20, fit the
 * standardization and one-hot encoding on the training rows, encode both splits) against `pd.read_csv`
 * then the same preprocessing (bench/load/peer.py).
 *
 *   npx tsx bench/load/run.ts [--rows 100000] [--features 20] [--repeats 3] [--big-rows 1000000] [--tables numeric,mixed]
 *
 * Every measurement runs in a fresh process (median of --repeats), so peak RSS is the process's own.
 * --big-rows 0 skips the large load. The Python peer needs .stack/bench-venv (see README.md here).
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { prepareDataset, readCsvTable } from '@modelstream/ml';
import { ensureTable, TableKind, TARGETS } from './datasets';

export interface LoadResult {
  side: string;
  rows: number;
  loadSeconds: number;
  prepSeconds: number;
  seconds: number;
  peakRssMb: number;
  inputDim: number;
}

const root = join(__dirname, '..', '..');
const args = new Map<string, string>();
process.argv
  .slice(2)
  .forEach((a, i, all) => a.startsWith('--') && args.set(a.slice(2), all[i + 1]?.startsWith('--') ? 'true' : (all[i + 1] ?? 'true')));
const rows = Number(args.get('rows') ?? 100_000);
const features = Number(args.get('features') ?? 20);
const repeats = Number(args.get('repeats') ?? 3);
const bigRows = Number(args.get('big-rows') ?? 1_000_000);
const dataDir = join(root, '.stack', 'bench-data');
const python = join(root, '.stack', 'bench-venv', 'bin', 'python');

/** bench/train reads the same numeric file (regression-<rows>x<features>.csv). */
const dataFile = (kind: TableKind, n: number) =>
  join(dataDir, { numeric: `regression-${n}x${features}.csv`, mixed: `mixed-${n}x20.csv`, float64: `float64-${n}x${features}.csv` }[kind]);

async function worker(kind: TableKind, file: string): Promise<void> {
  const { target, problemType } = TARGETS[kind];
  const started = performance.now();
  const table = await readCsvTable(createReadStream(file));
  const loaded = performance.now();
  const prepared = prepareDataset(table, { target, problemType, validationSplit: 0.2, seed: 42 });
  const done = performance.now();
  const result: LoadResult = {
    side: 'modelstream',
    rows: table.rows,
    loadSeconds: (loaded - started) / 1000,
    prepSeconds: (done - loaded) / 1000,
    seconds: (done - started) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    inputDim: prepared.data.inputDim,
  };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

function runSide(command: string, argv: string[]): LoadResult | { error: string } {
  const out = spawnSync(command, argv, { cwd: root, encoding: 'utf8', timeout: 600_000, env: { ...process.env, NODE_OPTIONS: '' } });
  const line = out.stdout?.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line)
    return { error: `${command} failed (${out.status ?? out.signal}): ${(out.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}` };
  return JSON.parse(line.slice('RESULT '.length)) as LoadResult;
}

type Side = LoadResult | { error: string };

/** The median run (by total seconds) of `times` fresh processes. */
function measure(times: number, run: () => Side): Side {
  const runs: Side[] = [];
  for (let i = 0; i < times; i++) runs.push(run());
  const ok = runs.filter((r): r is LoadResult => !('error' in r)).sort((a, b) => a.seconds - b.seconds);
  return ok.length ? ok[Math.floor(ok.length / 2)] : runs[0];
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function compare(kind: TableKind, file: string, times: number): void {
  const mb = statSync(file).size / 1e6;
  const node = measure(times, () => runSide(process.execPath, [...process.execArgv, __filename, '--worker', kind, '--file', file]));
  const py = existsSync(python)
    ? measure(times, () => runSide(python, [join(__dirname, 'peer.py'), '--kind', kind, '--file', file, '--target', TARGETS[kind].target]))
    : { error: 'no .stack/bench-venv (see bench/load/README.md)' };
  console.log(`== ${kind}: ${file.slice(root.length + 1)} (${fmt(mb, 1)} MB)${times > 1 ? `, median of ${times} fresh processes` : ''}`);
  for (const side of [node, py]) {
    if ('error' in side) {
      console.log(`   ${side.error}`);
      continue;
    }
    console.log(
      `   ${side.side.padEnd(22)} ${fmt(side.rows).padStart(9)} rows  load ${fmt(side.loadSeconds, 3)} s (${fmt(mb / side.loadSeconds).padStart(4)} MB/s)` +
        `  + preprocessing ${fmt(side.prepSeconds, 3)} s = ${fmt(side.seconds, 3)} s (${fmt(mb / side.seconds).padStart(4)} MB/s)` +
        `  peak RSS ${fmt(side.peakRssMb).padStart(5)} MB  inputs ${side.inputDim}`,
    );
  }
  if (!('error' in node) && !('error' in py)) {
    console.log(
      `   ours ÷ pandas: time ${fmt(node.seconds / py.seconds, 2)}× (load ${fmt(node.loadSeconds / py.loadSeconds, 2)}×, preprocessing ${fmt(node.prepSeconds / py.prepSeconds, 2)}×)  peak RSS ${fmt(node.peakRssMb / py.peakRssMb, 2)}×`,
    );
  }
}

async function main(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const tables = (args.get('tables') ?? 'numeric,mixed,float64').split(',') as TableKind[];
  console.log(`bench/load: CSV → typed columns → 80/20 split, standardized numerics, one-hot categoricals`);
  console.log(
    `machine: ${cpus().length} CPUs, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}\n`,
  );
  for (const kind of tables) {
    await ensureTable(dataFile(kind, rows), kind, rows, features);
    compare(kind, dataFile(kind, rows), repeats);
  }
  if (bigRows > 0) {
    await ensureTable(dataFile('numeric', bigRows), 'numeric', bigRows, features);
    compare('numeric', dataFile('numeric', bigRows), 1);
  }
  console.log('\nratios are ours ÷ pandas: below 1 means we are faster / use less memory (the goal is time ≤ 2×).');
}

if (args.has('worker')) void worker(args.get('worker') as TableKind, args.get('file')!);
else void main();
