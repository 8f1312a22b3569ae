/**
 * Time to quality of the MLPs: wall time until the validation metric (accuracy, or R²) first reaches
 * 99% of what scikit-learn's MLPClassifier/MLPRegressor (layers [64, 32], Adam, its defaults) converges
 * to with its own stopping rule. Every side is checked `checks` times per epoch with its clock stopped
 * while it validates; data loading and imports are outside every clock. The sides: trainModel (the
 * trainer's path, each --configs batch:learningRate), scikit-learn at its defaults (batch 200, lr 0.001)
 * and at batch 128 / lr 0.01, and Keras 3 on JAX with the same layers, batch and learning rate as each
 * of our configs. Python peers: bench/mlp/peer.py in .stack/bench-venv.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getModelSpec } from '@modelstream/contracts';
import { fitFamily, type ValidationLog } from '@modelstream/ml';
import { benchMetric, dataDir, dataFiles, loadData, type MlpFamily } from './data';

interface Curve {
  side: string;
  /** (seconds, metric) at each check. */
  curve: [number, number][];
}

export interface QualityOptions {
  family: MlpFamily;
  configs: [number, number][];
  epochs: number;
  checks: number;
  peers: boolean;
}

const root = join(__dirname, '..', '..');
const python = join(root, '.stack', 'bench-venv', 'bin', 'python');
const fmt = (n: number, digits = 2) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function peer(family: MlpFamily, argv: string[]): Curve & Record<string, unknown> {
  const files = dataFiles(family);
  const out = spawnSync(
    python,
    [join(__dirname, 'peer.py'), '--data', files.csv, '--validation', files.validation, '--family', family, ...argv],
    {
      encoding: 'utf8',
      env: { ...process.env, KERAS_BACKEND: 'jax' },
    },
  );
  const line = out.stdout?.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`peer.py ${argv.join(' ')} failed: ${(out.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`);
  return JSON.parse(line.slice('RESULT '.length)) as Curve & Record<string, unknown>;
}

/** scikit-learn's converged metric, cached next to the data (its fit takes up to 200 epochs). */
function sklearnConverged(family: MlpFamily): { metric: number; seconds: number; iterations: number } {
  const cache = join(dataDir, `mlp-sklearn-converged-${family}.json`);
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8')) as { metric: number; seconds: number; iterations: number };
  const r = peer(family, ['--impl', 'sklearn', '--converged']);
  const result = { metric: r.curve[0][1], seconds: r.curve[0][0], iterations: r.iterations as number };
  writeFileSync(cache, JSON.stringify(result));
  return result;
}

async function ours(family: MlpFamily, batchSize: number, learningRate: number, epochs: number, checks: number): Promise<Curve> {
  const prepared = await loadData(family);
  const steps = Math.ceil(prepared.data.yTrain.length / batchSize);
  const curve: [number, number][] = [];
  const onValidation = (log: ValidationLog) => {
    // The epoch's end is checked too: keep one point per check.
    if (curve.length && curve[curve.length - 1][0] === log.seconds) return;
    curve.push([log.seconds, benchMetric(prepared, log.metrics)]);
  };
  const { model } = await fitFamily(
    family,
    { ...getModelSpec(family).defaults, seed: 42 },
    prepared.data,
    { epochs, batchSize, learningRate, seed: 42, earlyStoppingPatience: 0, validateEverySteps: Math.max(1, Math.floor(steps / checks)) },
    { onValidation },
  );
  model.dispose();
  return { side: `ours (batch ${batchSize}, lr ${learningRate})`, curve };
}

const reached = (c: Curve, target: number) => c.curve.find(([, m]) => m >= target)?.[0] ?? Infinity;

export async function timeToQuality(o: QualityOptions): Promise<void> {
  const metricName = o.family === 'mlp_classifier' ? 'accuracy' : 'R²';
  const havePeers = o.peers && existsSync(python);
  const converged = havePeers ? sklearnConverged(o.family) : null;
  const target = converged ? 0.99 * converged.metric : Number(process.env.TARGET ?? 0.96);
  console.log(
    converged
      ? `${o.family}: scikit-learn converged to ${metricName} ${fmt(converged.metric, 4)} (${converged.iterations} epochs, ${fmt(converged.seconds)} s): target ${fmt(target, 4)}`
      : `${o.family}: no Python peers; target ${fmt(target, 4)}`,
  );
  const sides: Curve[] = [];
  for (const [batch, lr] of o.configs) sides.push(await ours(o.family, batch, lr, o.epochs, o.checks));
  if (havePeers) {
    const common = ['--epochs', String(o.epochs), '--checks', String(o.checks)];
    for (const [batch, lr] of [
      [200, 0.001],
      [128, 0.01],
    ]) {
      const r = peer(o.family, ['--impl', 'sklearn', '--batch', String(batch), '--lr', String(lr), ...common]);
      sides.push({ side: `scikit-learn (batch ${batch}, lr ${lr})`, curve: r.curve });
    }
    for (const [batch, lr] of o.configs) {
      const r = peer(o.family, ['--impl', 'keras', '--batch', String(batch), '--lr', String(lr), ...common]);
      sides.push({ side: `${r.side as string} (batch ${batch}, lr ${lr})`, curve: r.curve });
    }
  }
  const sklearnBest = Math.min(...sides.filter((s) => s.side.startsWith('scikit')).map((s) => reached(s, target)));
  const kerasBest = Math.min(...sides.filter((s) => s.side.startsWith('keras')).map((s) => reached(s, target)));
  for (const s of sides) {
    const t = reached(s, target);
    const perEpoch = o.checks;
    const epochEnds = s.curve.filter((_, i) => (i + 1) % perEpoch === 0).map(([, m]) => fmt(m, 4));
    const ratios = s.side.startsWith('ours') ? `  ÷ best scikit-learn ${fmt(t / sklearnBest)}×  ÷ best Keras ${fmt(t / kerasBest)}×` : '';
    console.log(
      `  ${s.side.padEnd(40)} time to quality ${Number.isFinite(t) ? `${fmt(t, 3)} s` : 'not reached'}`.padEnd(72) +
        `  ${metricName} at epoch ends ${epochEnds.join(', ')}${ratios}`,
    );
  }
}
