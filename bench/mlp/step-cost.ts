/**
 * Cost of one training step of the default MLP (inputs → 64 → 32 → 1, relu, Adam) per batch size:
 * "before" is the step trainModel took until issue 12 (optimizer.minimize over a gradient tape, forward
 * by tf.matMul + add + activation); "after" is training/dense-step.ts on the backend's ops, and on the
 * native backend the raw step trainModel takes there (training/native-step.ts). Also the after-step's
 * forward pass alone.
 */
import { buildModel, denseNetwork, DenseStep, nativeStep, networkWeights, stepOps, tf } from '@modelstream/ml';

export interface StepCost {
  batch: number;
  variant: string;
  msPerStep: number;
  /** Process CPU time per step (all threads): steadier than wall time on a shared machine. */
  cpuMsPerStep: number;
  rowsPerSecond: number;
}

const features = 20;

function batchData(rows: number): { x: Float32Array; y: Float32Array } {
  let seed = 1;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
  const x = Float32Array.from({ length: rows * features }, random);
  const y = Float32Array.from({ length: rows }, (_, i) => (x[i * features] + x[i * features + 1] > 0 ? 1 : 0));
  return { x, y };
}

/** Runs `step` repeatedly for ~`seconds` after a warm-up, reading the device once at the end: [wall, CPU] ms per step. */
function time(step: () => tf.Tensor | null, seconds: number): [number, number] {
  for (let i = 0; i < 20; i++) tf.dispose(step() ?? []);
  let pending: tf.Tensor[] = [];
  let total: tf.Tensor = tf.scalar(0);
  // The outputs are summed on the device 32 at a time (as the trainer sums its losses), read once.
  const reduce = () => {
    const next = tf.tidy(() => tf.add(total, tf.addN(pending.map((t) => tf.sum(t)))));
    tf.dispose([total, ...pending]);
    [total, pending] = [next, []];
  };
  const cpu = process.cpuUsage();
  const started = performance.now();
  let n = 0;
  while (performance.now() - started < seconds * 1000) {
    const out = step();
    if (out) pending.push(out);
    if (pending.length === 32) reduce();
    n++;
  }
  if (pending.length) reduce();
  total.dataSync();
  total.dispose();
  const used = process.cpuUsage(cpu);
  return [(performance.now() - started) / n, (used.user + used.system) / 1000 / n];
}

function before(model: tf.LayersModel, x: Float32Array, y: Float32Array, batch: number): () => tf.Tensor {
  const optimizer = tf.train.adam(0.01);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const layers = model.layers.filter((l) => l.getClassName() === 'Dense');
  let start = 0;
  return () => {
    const from = start;
    start = (start + batch) % (y.length - batch);
    return optimizer.minimize(
      () => {
        const xb = tf.tensor2d(x.subarray(from * features, (from + batch) * features), [batch, features]);
        const yb = tf.tensor2d(y.subarray(from, from + batch), [batch, 1]);
        const logits = layers.reduce<tf.Tensor>((h, layer, i) => {
          const [kernel, bias] = layer.trainableWeights.map((w) => w.read());
          const z = tf.add(tf.matMul(h, kernel), bias);
          return i < layers.length - 1 ? tf.relu(z) : z;
        }, xb);
        return tf.losses.sigmoidCrossEntropy(yb, logits) as tf.Scalar;
      },
      true,
      variables,
    )!;
  };
}

export function stepCosts(batches: number[], seconds: number): StepCost[] {
  const out: StepCost[] = [];
  const ops = stepOps();
  for (const batch of batches) {
    const { x, y } = batchData(Math.max(batch * 8, 8192));
    const built = buildModel(
      'mlp_classifier',
      { seed: 42 },
      { inputDim: features, outputUnits: 1, problemType: 'classification' },
      y.length,
    );
    const network = denseNetwork(built.model);
    const step = new DenseStep(network, ops, networkWeights(network), { learningRate: 0.01, l2: 0, seed: 1 });
    const raw = nativeStep(network, networkWeights(network), { learningRate: 0.01, l2: 0, seed: 1, batchSize: batch });
    let start = 0;
    const upload = () => {
      const from = start;
      start = (start + batch) % (y.length - batch);
      return {
        x: tf.tensor2d(x.subarray(from * features, (from + batch) * features), [batch, features]),
        y: tf.tensor2d(y.subarray(from, from + batch), [batch, 1]),
      };
    };
    const variants: [string, () => tf.Tensor | null][] = [
      ['before: tape + tf.train.adam', before(built.model, x, y, batch)],
      [
        `after: dense step (${ops.kind} ops)`,
        () => {
          const b = upload();
          const logits = step.step(b.x, b.y);
          tf.dispose([b.x, b.y]);
          return logits;
        },
      ],
      ...(raw
        ? [
            [
              'after: raw native step (trainModel)',
              () => {
                const b = upload();
                const logits = raw.step(b.x, b.y);
                tf.dispose([b.x, b.y]);
                return logits;
              },
            ] as [string, () => tf.Tensor | null],
          ]
        : []),
      [
        '  of which forward',
        () => {
          const b = upload();
          const logits = step.logits(b.x);
          tf.dispose([b.x, b.y]);
          return logits;
        },
      ],
    ];
    for (const [variant, run] of variants) {
      const [ms, cpuMs] = time(run, seconds);
      out.push({ batch, variant, msPerStep: ms, cpuMsPerStep: cpuMs, rowsPerSecond: (batch / ms) * 1000 });
    }
    step.dispose();
    raw?.dispose();
    built.model.dispose();
  }
  return out;
}
