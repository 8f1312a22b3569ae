/**
 * One logistic pass (mean log-loss and gradient over the training rows) timed on both paths: the float64
 * TypeScript loops and native TensorFlow's float64 ops (needs the native backend), binary and with 3
 * classes, and the largest difference between their answers.
 *
 *   npx tsx bench/solvers/pass.ts [--rows 80000] [--features 20] [--repeats 50]
 */
import { initBackend, logisticObjective, nativeLogisticObjective, SolverClock } from '@modelstream/ml';
import { benchData, numberArg as arg } from './data';

const rows = arg('rows', 80_000);
const d = arg('features', 20);
const repeats = arg('repeats', 50);

async function median(pass: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t = performance.now();
    await pass();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

async function main(): Promise<void> {
  if ((await initBackend(['tensorflow'])) !== 'tensorflow') throw new Error('this bench needs the native TensorFlow backend');
  const data = benchData(rows, d);
  console.log(`logistic pass, ${rows} rows × ${d} features, median of ${repeats}`);
  console.log('classes  typescript ms  tensorflow ms  ratio  max |Δ| (loss, gradient)');
  for (const classes of [2, 3]) {
    const units = classes > 2 ? classes : 1;
    const labels = classes > 2 ? data.multiclass : data.binary;
    const theta = new Float64Array((d + 1) * units).map((_, i) => Math.sin(i) / 4);
    const clock = new SolverClock({});
    const loops = logisticObjective(data.x, labels, d, units, 1e-4, clock);
    const native = nativeLogisticObjective(data.x, labels, d, units, 1e-4, clock)!;
    const [g1, g2] = [new Float64Array(theta.length), new Float64Array(theta.length)];
    const [l1, l2] = [await loops(theta, g1), await native.objective(theta, g2)];
    const delta = Math.max(...g1.map((g, i) => Math.abs(g - g2[i])));
    const ts = await median(() => loops(theta, g1));
    const tf = await median(() => native.objective(theta, g2));
    native.dispose();
    console.log(
      `${classes}        ${ts.toFixed(2).padStart(13)}  ${tf.toFixed(2).padStart(13)}  ${(tf / ts).toFixed(2)}×  ${Math.abs(l1! - l2!).toExponential(1)}, ${delta.toExponential(1)}`,
    );
  }
}

void main();
