import { initBackend, tf } from '../backend';
import type { TrainingData } from '../train';
import { ShuffledBatches, targetRows } from './epoch-data';
import { LossAccumulator, lossSum, validationSums } from './loss';

/** rows × 2 features where row r is [r, -r], labels r mod 3. */
function data(rows: number): TrainingData {
  const x = new Float32Array(rows * 2);
  for (let r = 0; r < rows; r++) [x[2 * r], x[2 * r + 1]] = [r, -r];
  const y = Float32Array.from({ length: rows }, (_, r) => r % 3);
  return { inputDim: 2, xTrain: x, yTrain: y, xVal: x, yVal: y, problemType: 'classification', classes: 3 };
}

describe('epoch data', () => {
  beforeAll(() => initBackend());

  it.each([true, false])(
    'serves every training row once per epoch, with its target, in a new order each epoch (on the device: %s)',
    (onDevice) => {
      const before = tf.memory().numTensors;
      const d = data(103);
      const batches = new ShuffledBatches(d, targetRows(d.yTrain, 3, true), 3, 7, onDevice);
      const orders: number[][] = [];
      for (let epoch = 0; epoch < 2; epoch++) {
        const seen: number[] = [];
        const sizes: number[] = [];
        // On the device, chunks of 40 rows (4 batches of 10) make the epoch cross chunk boundaries.
        for (const b of batches.epoch(10, 40)) {
          const x = b.x.arraySync() as number[][];
          const y = b.y.arraySync() as number[][];
          x.forEach(([r, minus], i) => {
            expect(minus).toBe(-r);
            expect(y[i]).toEqual([0, 1, 2].map((c) => (c === r % 3 ? 1 : 0)));
            seen.push(r);
          });
          sizes.push(x.length);
          tf.dispose([b.x, b.y]);
        }
        expect(sizes).toEqual([10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 3]);
        expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 103 }, (_, i) => i));
        orders.push(seen);
      }
      expect(orders[0]).not.toEqual(orders[1]);
      batches.dispose();
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  it.each([true, false])('frees the batches not taken when an epoch is left early (on the device: %s)', (onDevice) => {
    const before = tf.memory().numTensors;
    const d = data(50);
    const batches = new ShuffledBatches(d, d.yTrain, 1, 1, onDevice);
    for (const b of batches.epoch(8)) {
      tf.dispose([b.x, b.y]);
      break;
    }
    batches.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('sums the losses of each output kind as TF.js defines them', () => {
    const z = tf.tensor2d([[0.3], [-1.2], [2.5], [0]]);
    const y = tf.tensor2d([[1], [0], [0], [1]]);
    const mean = (t: tf.Tensor) => t.dataSync()[0];
    expect(mean(lossSum(z, y, 'sigmoid')) / 4).toBeCloseTo(mean(tf.losses.sigmoidCrossEntropy(y, z)), 5);
    expect(mean(lossSum(z, y, 'linear')) / 4).toBeCloseTo(mean(tf.losses.meanSquaredError(y, z)), 5);
    const z3 = tf.tensor2d([
      [1, 2, 0.5],
      [-1, 0, 3],
    ]);
    const y3 = tf.tensor2d([
      [0, 1, 0],
      [1, 0, 0],
    ]);
    expect(mean(lossSum(z3, y3, 'softmax')) / 2).toBeCloseTo(mean(tf.losses.softmaxCrossEntropy(y3, z3)), 5);
    // Correct: row 0 predicts class 1 (right), row 1 class 2 (wrong); binary: z ≥ 0 is class 1.
    expect(Array.from(validationSums(z3, y3, 'softmax').dataSync())[1]).toBe(1);
    expect(Array.from(validationSums(z, y, 'sigmoid').dataSync())[1]).toBe(3);
  });

  it('accumulates batch losses on the device across flushes', () => {
    const before = tf.memory().numTensors;
    const losses = new LossAccumulator('linear', 2);
    for (let i = 1; i <= 5; i++) losses.add(tf.tensor2d([[i]]), tf.tensor2d([[0]]));
    expect(losses.take()).toBeCloseTo(1 + 4 + 9 + 16 + 25, 5);
    losses.add(tf.tensor2d([[3]]), tf.tensor2d([[1]]));
    expect(losses.take()).toBeCloseTo(4, 5);
    losses.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
