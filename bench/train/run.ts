/**
 * Training speed and memory of each model family on the TF.js backend the trainer uses (tfjs-node if
 * installed, else WASM), side by side with a Python peer (scikit-learn's matching estimators) on the
 * same generated data on the same machine, as ratios.
 *
 *   npx tsx bench/train/run.ts [--rows 100000] [--features 20] [--epochs 3] [--families a,b] [--max-seconds 300]
 *
 * Each family runs in a fresh process on each side, so peak memory (the OS's max RSS) is per family.
 * The Python peer needs a venv with scikit-learn and pandas: .stack/bench-venv (see README.md here).
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { getModelSpec, type HyperParams, type ModelType } from '@modelstream/contracts';
import {
  fitFamily,
  buildModel,
  evaluateModel,
  initBackend,
  prepareDataset,
  readCsvTable,
  syntheticDataset,
  trainModel,
  type BackendName,
} from '@modelstream/ml';

interface FamilyRun {
  family: ModelType;
  data: 'classification' | 'regression';
  metric: 'accuracy' | 'r2';
}

const FAMILIES: FamilyRun[] = [
  { family: 'logistic_regression', data: 'classification', metric: 'accuracy' },
  { family: 'linear_regression', data: 'regression', metric: 'r2' },
  { family: 'ridge_regression', data: 'regression', metric: 'r2' },
  { family: 'mlp_classifier', data: 'classification', metric: 'accuracy' },
  { family: 'mlp_regressor', data: 'regression', metric: 'r2' },
];

export interface SideResult {
  side: string;
  family: string;
  rowsTrain: number;
  loadSeconds: number;
  epochRowsPerSecond: number[];
  /** Rows per second of the process's CPU time (all threads), per epoch. */
  epochRowsPerCpuSecond: number[];
  peakRssMb: number;
  metric: number;
  batchSize: number;
  note?: string;
}

const root = join(__dirname, '..', '..');
const args = new Map<string, string>();
process.argv
  .slice(2)
  .forEach((a, i, all) => a.startsWith('--') && args.set(a.slice(2), all[i + 1]?.startsWith('--') ? 'true' : (all[i + 1] ?? 'true')));
const rows = Number(args.get('rows') ?? 100_000);
const features = Number(args.get('features') ?? 20);
const epochs = Number(args.get('epochs') ?? 3);
const dataDir = join(root, '.stack', 'bench-data');
const dataFile = (kind: string) => join(dataDir, `${kind}-${rows}x${features}.csv`);

async function worker(name: string): Promise<void> {
  const run = FAMILIES.find((f) => f.family === name)!;
  const backend: BackendName = await initBackend();
  const spec = getModelSpec(run.family);
  const params: HyperParams = { ...spec.defaults, epochs };
  const loadStarted = performance.now();
  const table = await readCsvTable(createReadStream(dataFile(run.data)));
  const prepared = prepareDataset(table, { target: 'target', problemType: spec.problemType, validationSplit: 0.2, seed: 42 });
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const { model, outcome } = await fitFamily(run.family, { ...params, solver: 'adam' }, prepared.data, {
    epochs,
    batchSize: params.batchSize as number,
    learningRate: params.learningRate as number,
    seed: 42,
    earlyStoppingPatience: 0,
  });
  const metric = evaluateModel(model, prepared).metrics[run.metric];
  model.dispose();
  const result: SideResult = {
    side: `tfjs-${backend}`,
    family: run.family,
    rowsTrain: prepared.rows.train,
    loadSeconds,
    epochRowsPerSecond: outcome.history.map((h) => h.rowsPerSecond),
    epochRowsPerCpuSecond: outcome.history.map((h) => h.rowsPerCpuSecond),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    metric,
    batchSize: params.batchSize as number,
  };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

function ensureData(): void {
  mkdirSync(dataDir, { recursive: true });
  for (const [kind, relation] of [
    ['classification', 'linear-binary'],
    ['regression', 'linear-regression'],
  ] as const) {
    if (!existsSync(dataFile(kind))) {
      writeFileSync(dataFile(kind), syntheticDataset({ relation, rows, features, seed: 1, noise: 0.5 }).csv);
    }
  }
}

function runSide(command: string, argv: string[], timeoutMs: number): SideResult | { error: string } {
  const out = spawnSync(command, argv, { cwd: root, encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, NODE_OPTIONS: '' } });
  const line = out.stdout?.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line)
    return { error: `${command} failed (${out.status ?? out.signal}): ${(out.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}` };
  return JSON.parse(line.slice('RESULT '.length)) as SideResult;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const started = Date.now();
  const deadline = started + Number(args.get('max-seconds') ?? 300) * 1000;
  const wanted = args.get('families')?.split(',') ?? FAMILIES.map((f) => f.family);
  ensureData();
  const python = join(root, '.stack', 'bench-venv', 'bin', 'python');
  const hasPython = existsSync(python);
  console.log(`bench/train: ${rows} rows × ${features} features, ${epochs} epochs, 80/20 split, spec default batch sizes`);
  console.log(
    `machine: ${cpus().length} CPUs, load average ${loadavg()
      .map((l: number) => l.toFixed(1))
      .join(' ')}\n`,
  );
  const results: { family: string; node: Side; py: Side; keras: Side }[] = [];
  for (const run of FAMILIES.filter((f) => wanted.includes(f.family))) {
    const left = deadline - Date.now();
    if (left < 10_000) {
      console.log(`(time budget spent: skipping ${run.family})`);
      continue;
    }
    const node = runSide(
      process.execPath,
      [
        ...process.execArgv,
        __filename,
        '--worker',
        run.family,
        '--rows',
        String(rows),
        '--features',
        String(features),
        '--epochs',
        String(epochs),
      ],
      left,
    );
    const peer = (impl: string): Side =>
      hasPython
        ? runSide(
            python,
            [join(__dirname, 'peer.py'), '--impl', impl, '--data', dataFile(run.data), '--family', run.family, '--epochs', String(epochs)],
            Math.max(deadline - Date.now(), 10_000),
          )
        : { error: 'no .stack/bench-venv (see bench/train/README.md)' };
    const py = peer('sklearn');
    const keras = peer('keras');
    results.push({ family: run.family, node, py, keras });
    print(run, node, [py, keras]);
  }
  console.log('\nratios are TF.js ÷ peer (median epoch): rows/s > 1 means TF.js is faster; memory > 1 means TF.js uses more.');
  console.log(`total ${fmt((Date.now() - started) / 1000, 0)} s for ${results.length} families`);
}

type Side = SideResult | { error: string };

function print(run: FamilyRun, node: Side, peers: Side[]): void {
  console.log(`== ${run.family}`);
  for (const side of [node, ...peers]) {
    if ('error' in side) {
      console.log(`   ${side.error}`);
      continue;
    }
    const rates = side.epochRowsPerSecond.map((r) => fmt(r)).join(', ');
    const metric = `${run.metric === 'accuracy' ? 'accuracy' : 'R²'} ${fmt(side.metric, 4)}`;
    console.log(
      `   ${side.side.padEnd(36)} rows/s per epoch: ${rates.padEnd(32)} per CPU-s: ${side.epochRowsPerCpuSecond
        .map((r) => fmt(r))
        .join(', ')
        .padEnd(
          32,
        )} peak RSS ${fmt(side.peakRssMb).padStart(5)} MB  load+prep ${fmt(side.loadSeconds, 2)} s  validation ${metric}  (batch ${side.batchSize})`,
    );
  }
  if ('error' in node) return;
  for (const peer of peers) {
    if ('error' in peer) continue;
    const speed = median(node.epochRowsPerSecond) / median(peer.epochRowsPerSecond);
    const cpuSpeed = median(node.epochRowsPerCpuSecond) / median(peer.epochRowsPerCpuSecond);
    console.log(
      `   TF.js ÷ ${peer.side.padEnd(27)} rows/s ${fmt(speed, 2)}× (per CPU-second ${fmt(cpuSpeed, 2)}×)   peak memory ${fmt(node.peakRssMb / peer.peakRssMb, 2)}×   load+prep ${fmt(node.loadSeconds / peer.loadSeconds, 2)}×`,
    );
  }
}

if (args.has('worker')) void worker(args.get('worker')!);
else void main();
