/**
 * The exact linear solvers (libs/ml/src/solvers) against scikit-learn on the same seeded data: median fit
 * wall and CPU time (CPU time is steadier when the machine is shared), time to quality (the first iteration whose
 * validation metric reaches 99% of scikit-learn's converged one), the metric, and ratios. scikit-learn runs twice: pinned to one thread (as our solvers
 * run) and with its default threads.
 *
 *   npx tsx bench/solvers/run.ts [--rows 100000] [--features 20] [--repeats 5]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { solveLinear, type LinearSolveOptions, type TrainingData } from '@modelstream/ml';
import { benchData, numberArg as arg } from './data';

const rows = arg('rows', 100_000);
const d = arg('features', 20);
const repeats = arg('repeats', 5);
const nTrain = Math.round(rows * 0.8);

interface PeerResult {
  ms: number;
  cpu: number;
  metric: number;
  iterations: number;
  msToQuality: number | null;
  msDefaultTol?: number;
  iterationsDefaultTol?: number;
}

function runPeer(file: string, threads: 'one' | 'default'): Record<string, PeerResult> | null {
  const python = join(process.cwd(), '.stack/bench-venv/bin/python');
  if (!existsSync(python)) return null;
  const env = threads === 'one' ? { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' } : process.env;
  const run = spawnSync(python, [join(__dirname, 'peer.py'), file, String(rows), String(d), String(nTrain), String(repeats)], {
    env,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`peer.py failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, PeerResult>;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const data = benchData(rows, d);
  const dir = join(process.cwd(), '.stack/bench-data');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `solvers-${rows}x${d}.bin`);
  const all = new Float32Array(data.x.length + 3 * rows);
  [data.x, data.regression, data.binary, data.multiclass].reduce((offset, part) => (all.set(part, offset), offset + part.length), 0);
  writeFileSync(file, Buffer.from(all.buffer));
  const peerOne = runPeer(file, 'one');
  const peerDefault = runPeer(file, 'default');

  const cases: [string, Float32Array, LinearSolveOptions, number | undefined][] = [
    ['ols', data.regression, { kind: 'least-squares', maxIter: 200, tol: 1e-6 }, undefined],
    ['ridge', data.regression, { kind: 'ridge', alpha: 1, maxIter: 200, tol: 1e-6 }, undefined],
    ['logistic binary', data.binary, { kind: 'logistic', l2: 0, maxIter: 200, tol: 1e-6 }, 2],
    ['logistic 3-class', data.multiclass, { kind: 'logistic', l2: 0, maxIter: 200, tol: 1e-6 }, 3],
  ];
  console.log(`${rows} rows × ${d} features (train ${nTrain}), median of ${repeats}; load average ${loadavg()[0].toFixed(1)}`);
  for (const [name, y, options, classes] of cases) {
    const training: TrainingData = {
      inputDim: d,
      xTrain: data.x.subarray(0, nTrain * d),
      yTrain: y.subarray(0, nTrain),
      xVal: data.x.subarray(nTrain * d),
      yVal: y.subarray(nTrain),
      problemType: classes ? 'classification' : 'regression',
      classes,
      targetStd: 1,
    };
    const peer = peerOne?.[name];
    const regression = !classes;
    const target = peer ? (regression ? peer.metric / 0.99 : peer.metric * 0.99) : NaN;
    const wall: number[] = [];
    const cpu: number[] = [];
    const toQuality: number[] = [];
    let last = { iterations: 0, metric: NaN };
    for (let r = 0; r < repeats + 1; r++) {
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      let reached = NaN;
      const solution = await solveLinear(training, options, {
        onEpochEnd: (log) => {
          const metric = regression ? log.metrics.val_rmse : log.metrics.val_accuracy;
          if (Number.isNaN(reached) && (regression ? metric <= target : metric >= target)) reached = performance.now() - started;
        },
      });
      const used = process.cpuUsage(cpuStarted);
      const log = solution.outcome.history.at(-1)!;
      last = { iterations: solution.outcome.epochsRun, metric: regression ? log.metrics.val_rmse : log.metrics.val_accuracy };
      if (r === 0) continue; // warm-up (JIT)
      wall.push(performance.now() - started);
      cpu.push((used.user + used.system) / 1000);
      toQuality.push(reached);
    }
    const ours = { ms: median(wall), cpu: median(cpu), toQuality: median(toQuality) };
    const metricName = regression ? 'val rmse' : 'val accuracy';
    console.log(`\n${name}`);
    console.log(
      `  ours (typescript)        ${f(ours.ms)} ms wall, ${f(ours.cpu)} ms cpu, to quality ${f(ours.toQuality)} ms, ${last.iterations} iterations, ${metricName} ${f(last.metric, 5)}`,
    );
    if (peer) {
      console.log(
        `  sklearn, 1 thread        ${f(peer.ms)} ms wall, ${f(peer.cpu)} ms cpu, to quality ${f(peer.msToQuality)} ms, ${peer.iterations} iterations, ${metricName} ${f(peer.metric, 5)}`,
      );
      if (peer.msDefaultTol !== undefined)
        console.log(`  sklearn at tol 1e-4      ${f(peer.msDefaultTol)} ms wall, ${peer.iterationsDefaultTol} iterations`);
      console.log(`  sklearn, default threads ${f(peerDefault?.[name]?.ms)} ms wall`);
      const ratio = (a: number, b: number | null): string => (b ? `${(a / b).toFixed(2)}×` : '-');
      console.log(
        `  ours ÷ sklearn 1 thread: ${ratio(ours.ms, peer.ms)} wall, ${ratio(ours.cpu, peer.cpu)} cpu, ${ratio(ours.toQuality, peer.msToQuality)} to quality`,
      );
    }
  }
}

const f = (v: number | null | undefined, digits = 1): string =>
  v === null || v === undefined || Number.isNaN(v) ? '-' : v.toFixed(digits);

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
