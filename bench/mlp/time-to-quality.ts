/**
 * Time to quality of the MLPs: wall time until the validation metric (accuracy, or R²) first reaches
 * 99% of what scikit-learn's MLPClassifier/MLPRegressor (layers [64, 32], Adam, its defaults) converges
 * to with its own stopping rule, median over seeds. Every side runs in a fresh process and is checked
 * `checks` times per epoch with its clock stopped while it validates; data loading, imports and backend
 * start-up are outside every clock (Keras' JIT compilation is inside: it happens in the first step).
 * The sides: trainModel (the trainer's path) at each --configs batch:learningRate, scikit-learn at its
 * defaults (batch 200, lr 0.001) and at batch 128 / lr 0.01, and Keras 3 on JAX with the same layers,
 * batch and learning rate as each of our configs. Python peers: bench/mlp/peer.py in .stack/bench-venv.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getModelSpec } from '@modelstream/contracts';
import { fitFamily, tf, type ValidationLog } from '@modelstream/ml';
import { benchMetric, dataDir, dataFiles, loadData, type MlpFamily } from './data';

export interface SideRun {
  side: string;
  /** (seconds, metric) at each check. */
  curve: [number, number][];
  epochMetrics: number[];
  /** Training rows per second of each epoch (the first includes Keras' compilation). */
  epochRowsPerSecond: number[];
}

export interface QualityOptions {
  family: MlpFamily;
  configs: [number, number][];
  epochs: number;
  checks: number;
  seeds: number[];
  peers: boolean;
  /** Also run ours in a process that already trained the same shapes (oneDNN's kernels compiled). */
  warm: boolean;
  /** Print each side's first checks (seconds → metric) of the first seed. */
  curves: number;
}

const root = join(__dirname, '..', '..');
const python = join(root, '.stack', 'bench-venv', 'bin', 'python');
const fmt = (n: number, digits = 2) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function result(command: string, argv: string[], env: NodeJS.ProcessEnv = {}): SideRun & Record<string, unknown> {
  const out = spawnSync(command, argv, { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '', ...env } });
  const line = out.stdout?.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`${argv.join(' ')} failed: ${(out.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`);
  return JSON.parse(line.slice('RESULT '.length)) as SideRun & Record<string, unknown>;
}

function peer(family: MlpFamily, argv: string[]): SideRun & Record<string, unknown> {
  const files = dataFiles(family);
  const script = join(__dirname, 'peer.py');
  return result(python, [script, '--data', files.csv, '--validation', files.validation, '--family', family, ...argv], {
    KERAS_BACKEND: 'jax',
  });
}

/** scikit-learn's converged metric, cached next to the data (its fit takes up to 200 epochs). */
function sklearnConverged(family: MlpFamily): { metric: number; seconds: number; iterations: number } {
  const cache = join(dataDir, `mlp-sklearn-converged-${family}.json`);
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8')) as { metric: number; seconds: number; iterations: number };
  const r = peer(family, ['--impl', 'sklearn', '--converged']);
  const converged = { metric: r.curve[0][1], seconds: r.curve[0][0], iterations: r.iterations as number };
  writeFileSync(cache, JSON.stringify(converged));
  return converged;
}

/** One of our runs, in this (fresh) process: prints `RESULT {json}`. */
export async function oursWorker(
  family: MlpFamily,
  batchSize: number,
  learningRate: number,
  epochs: number,
  checks: number,
  seed: number,
  warm: boolean,
) {
  const prepared = await loadData(family);
  // TensorFlow's first op in a process costs 50–90 ms (its threads and devices start): paid at start-up.
  tf.tidy(() => tf.matMul(tf.ones([2, 2]), tf.ones([2, 2])).dataSync());
  if (warm) {
    // A trainer that already trained this shape: a few steps and a validation, cancelled.
    let steps = 0;
    const { model } = await fitFamily(
      family,
      { ...getModelSpec(family).defaults, seed },
      prepared.data,
      { epochs: 1, batchSize, learningRate, seed, earlyStoppingPatience: 0, validateEverySteps: 2 },
      { tickMs: 0, stopReason: () => (++steps > 3 ? 'warm' : null) },
    );
    model.dispose();
  }
  const steps = Math.ceil(prepared.data.yTrain.length / batchSize);
  const curve: [number, number][] = [];
  const epochMetrics: number[] = [];
  const epochRowsPerSecond: number[] = [];
  const { model } = await fitFamily(
    family,
    { ...getModelSpec(family).defaults, seed },
    prepared.data,
    { epochs, batchSize, learningRate, seed, earlyStoppingPatience: 0, validateEverySteps: Math.max(1, Math.floor(steps / checks)) },
    {
      onValidation: (log: ValidationLog) => void curve.push([log.seconds, benchMetric(prepared, log.metrics)]),
      onEpochEnd: (log) => {
        epochMetrics.push(benchMetric(prepared, log.metrics));
        epochRowsPerSecond.push(log.rowsPerSecond);
      },
    },
  );
  model.dispose();
  const run: SideRun = {
    side: `ours${warm ? ', warm' : ''} (batch ${batchSize}, lr ${learningRate})`,
    curve,
    epochMetrics,
    epochRowsPerSecond,
  };
  process.stdout.write(`RESULT ${JSON.stringify(run)}\n`);
}

const reached = (c: SideRun, target: number) => c.curve.find(([, m]) => m >= target)?.[0] ?? Infinity;

export function timeToQuality(o: QualityOptions): void {
  const metricName = o.family === 'mlp_classifier' ? 'accuracy' : 'R²';
  const havePeers = o.peers && existsSync(python);
  const converged = havePeers ? sklearnConverged(o.family) : null;
  const target = converged ? 0.99 * converged.metric : Number(process.env.TARGET ?? 0.96);
  console.log(
    converged
      ? `${o.family}: scikit-learn converges to ${metricName} ${fmt(converged.metric, 4)} (${converged.iterations} epochs, ${fmt(converged.seconds)} s): target ${fmt(target, 4)}`
      : `${o.family}: no Python peers; target ${fmt(target, 4)}`,
  );
  console.log(`${o.checks} checks an epoch, ${o.epochs} epochs, median of seeds ${o.seeds.join(', ')}`);
  const common = ['--epochs', String(o.epochs), '--checks', String(o.checks)];
  const sides: { side: string; runs: SideRun[] }[] = [];
  const add = (side: string, run: (seed: number) => SideRun) => sides.push({ side, runs: o.seeds.map(run) });
  const script = [...process.execArgv, join(__dirname, 'run.ts'), 'ours'];
  for (const [batch, lr] of o.configs) {
    for (const warm of o.warm ? [false, true] : [false]) {
      add(`ours${warm ? ', warm' : ''} (batch ${batch}, lr ${lr})`, (seed) =>
        result(process.execPath, [...script, ...[o.family, batch, lr, o.epochs, o.checks, seed, warm ? 'warm' : 'cold'].map(String)]),
      );
    }
  }
  if (havePeers) {
    for (const [batch, lr] of [
      [200, 0.001],
      [128, 0.01],
    ]) {
      add(`scikit-learn (batch ${batch}, lr ${lr})`, (seed) =>
        peer(o.family, ['--impl', 'sklearn', '--batch', String(batch), '--lr', String(lr), '--seed', String(seed), ...common]),
      );
    }
    for (const [batch, lr] of o.configs) {
      add(`Keras-JAX (batch ${batch}, lr ${lr})`, (seed) =>
        peer(o.family, ['--impl', 'keras', '--batch', String(batch), '--lr', String(lr), '--seed', String(seed), ...common]),
      );
    }
  }
  const ttq = (s: { runs: SideRun[] }) => median(s.runs.map((r) => reached(r, target)));
  const best = (prefix: string) => Math.min(...sides.filter((s) => s.side.startsWith(prefix)).map(ttq));
  for (const s of sides) {
    const t = ttq(s);
    const final = median(s.runs.map((r) => r.epochMetrics.at(-1) ?? NaN));
    const rate = median(s.runs.map((r) => r.epochRowsPerSecond.at(-1) ?? NaN));
    const ratios =
      s.side.startsWith('ours') && havePeers
        ? `  ÷ best scikit-learn ${fmt(t / best('scikit'))}×  ÷ best Keras ${fmt(t / best('Keras'))}×`
        : '';
    console.log(
      `  ${s.side.padEnd(36)} time to quality ${Number.isFinite(t) ? `${fmt(t, 3)} s` : 'not reached'}`.padEnd(66) +
        `  ${metricName} after ${o.epochs} epochs ${fmt(final, 4)}  last epoch ${fmt(rate, 0).padStart(9)} rows/s${ratios}`,
    );
    if (o.curves > 0) {
      console.log(
        `      ${s.runs[0].curve
          .slice(0, o.curves)
          .map(([t, m]) => `${fmt(t, 3)}→${fmt(m, 4)}`)
          .join('  ')}`,
      );
    }
  }
}
