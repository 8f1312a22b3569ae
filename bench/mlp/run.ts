/**
 * The MLP training step and time to quality, on the backend the trainer picks (or --backend).
 *
 *   npx tsx bench/mlp/run.ts steps   [--backend tensorflow|wasm] [--batches 128,256,512,1024,2048] [--seconds 1]
 *   npx tsx bench/mlp/run.ts epochs  [--backend …] [--family mlp_classifier] [--batches …] [--epochs 3]
 *   npx tsx bench/mlp/run.ts defaults [--configs 128:0.01,512:0.01] [--seeds 1,2,3]
 *   npx tsx bench/mlp/run.ts quality [--family mlp_classifier|mlp_regressor] [--configs 128:0.01,1024:0.02] [--seeds 42,43,44]
 *                                     [--epochs 3] [--checks 10] [--peers none] [--warm no] [--curves 5]
 *
 * steps: ms per step and rows/s of one Adam step of the default MLP, before and after issue 12.
 * epochs: trainModel on the bench's 100k × 20 data (bench/train/datasets.ts), rows/s and the metric per epoch.
 * defaults: the metric after the default epochs on small and large data, per candidate default.
 * quality: time to quality against scikit-learn and Keras 3 (JAX) — see time-to-quality.ts.
 */
import { initBackend, type BackendName } from '@modelstream/ml';
import { epochRates } from './epoch-rates';
import { stepCosts } from './step-cost';
import type { MlpFamily } from './data';
import { defaultQuality } from './default-quality';
import { oursWorker, timeToQuality } from './time-to-quality';

const [part = 'steps', ...rest] = process.argv.slice(2);
const args = new Map<string, string>();
rest.forEach((a, i) => a.startsWith('--') && args.set(a.slice(2), rest[i + 1] ?? 'true'));
const list = (key: string, fallback: string) => (args.get(key) ?? fallback).split(',');
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  if (part === 'ours') {
    // A side of `quality`, in its own process: family batch lr epochs checks seed warm|cold.
    await initBackend();
    const [family, batch, lr, epochs, checks, seed, warm] = rest;
    return oursWorker(family as MlpFamily, Number(batch), Number(lr), Number(epochs), Number(checks), Number(seed), warm === 'warm');
  }
  const wanted = args.get('backend') as BackendName | undefined;
  const backend = await initBackend(wanted ? [wanted] : undefined);
  console.log(`bench/mlp ${part} on ${backend}`);
  if (part === 'steps') {
    for (const c of stepCosts(list('batches', '128,256,512,1024,2048').map(Number), Number(args.get('seconds') ?? 1))) {
      console.log(
        `batch ${String(c.batch).padStart(5)}  ${c.variant.padEnd(34)} ${fmt(c.msPerStep, 3).padStart(8)} ms/step (CPU ${fmt(c.cpuMsPerStep, 3).padStart(7)} ms) ${fmt(c.rowsPerSecond).padStart(11)} rows/s`,
      );
    }
  } else if (part === 'epochs') {
    const family = args.get('family') ?? 'mlp_classifier';
    for (const batch of list('batches', '128,256,512,1024').map(Number)) {
      const r = await epochRates(family, batch, Number(args.get('lr') ?? 0.01), Number(args.get('epochs') ?? 3));
      console.log(
        `${family} batch ${String(batch).padStart(5)}  rows/s per epoch ${r.rates.map((x) => fmt(x)).join(', ')}  per CPU-s ${r.cpuRates.map((x) => fmt(x)).join(', ')}  ${r.metric} ${r.metrics.map((m) => fmt(m, 4)).join(', ')}`,
      );
    }
  } else if (part === 'defaults') {
    const configs = list('configs', '128:0.01,256:0.01,512:0.01,512:0.02,1024:0.02').map(
      (c) => c.split(':').map(Number) as [number, number],
    );
    await defaultQuality(configs, list('seeds', '1,2,3').map(Number), (line) => console.log(line));
  } else if (part === 'quality') {
    timeToQuality({
      family: (args.get('family') ?? 'mlp_classifier') as MlpFamily,
      configs: list('configs', '128:0.01,512:0.01,1024:0.01').map((c) => c.split(':').map(Number) as [number, number]),
      epochs: Number(args.get('epochs') ?? 3),
      checks: Number(args.get('checks') ?? 10),
      seeds: list('seeds', '42,43,44').map(Number),
      peers: args.get('peers') !== 'none',
      warm: args.get('warm') !== 'no',
      curves: Number(args.get('curves') ?? 0),
    });
  } else {
    throw new Error(`unknown part ${part}: steps, epochs or quality`);
  }
}

void main();
