/**
 * The logistic pass on native TensorFlow's float64 ops gives the TypeScript loops' loss and gradient to
 * float64 rounding, binary and multinomial, over several row blocks and with extreme scores. Runs where the
 * native backend loads (CI requires it: TFJS_BACKEND=tensorflow); elsewhere the pass is not available.
 */
import { backendOrder, initBackend } from '../backend';
import { seededRandom } from '../split';
import { logisticObjective } from './logistic';
import { nativeLogisticObjective } from './native-logistic';
import { SolverClock } from './solver-clock';

describe('nativeLogisticObjective', () => {
  let native = false;
  beforeAll(async () => {
    native = (await initBackend(backendOrder())) === 'tensorflow';
  });

  it.each([
    ['binary', 2, 3],
    ['multinomial', 4, 3],
    ['binary with large weights', 2, 40],
  ] as const)('%s: the same loss and gradient as the TypeScript loops', async (_name, classes, scale) => {
    const d = 7;
    const rows = 20_000;
    const random = seededRandom(11);
    const x = Float32Array.from({ length: rows * d }, () => random() * 2 - 1);
    const labels = Float32Array.from({ length: rows }, () => Math.floor(random() * classes));
    const units = classes > 2 ? classes : 1;
    const theta = Float64Array.from({ length: (d + 1) * units }, () => (random() - 0.5) * scale);
    const clock = new SolverClock({});
    // four blocks of rows (the last one short)
    const pass = nativeLogisticObjective(x, labels, d, units, 1e-3, clock, 6000);
    if (!native) {
      expect(pass).toBeNull();
      return;
    }
    const loops = logisticObjective(x, labels, d, units, 1e-3, clock);
    const [expected, actual] = [new Float64Array(theta.length), new Float64Array(theta.length)];
    const lossLoops = (await loops(theta, expected))!;
    const lossNative = (await pass!.objective(theta, actual))!;
    pass!.dispose();
    expect(Math.abs(lossNative - lossLoops)).toBeLessThan(1e-12 * Math.max(1, lossLoops));
    actual.forEach((g, i) => expect(Math.abs(g - expected[i])).toBeLessThan(1e-12));
  });
});
