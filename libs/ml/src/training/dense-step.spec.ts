/**
 * The written-out backward pass and Adam update against TF.js autodiff and Adam's formula, for every
 * activation and output kind, on the portable ops and (on the native backend) the raw TensorFlow ops,
 * and the raw native step (nativeStep: handles without TF.js tensors, the summed gradient with ε scaled).
 */
import { initBackend, tf } from '../backend';
import { buildModel } from '../model-families';
import { denseNetwork, type DenseNetwork, networkWeights, type OutputKind } from './dense-network';
import { DenseStep, type TrainingStep } from './dense-step';
import { lossSum } from './loss';
import { nativeOps } from './native-ops';
import { nativeStep } from './native-step';
import { ADAM_DEFAULTS, portableOps, type StepOps } from './step-ops';

const cases: [string, OutputKind, 'relu' | 'tanh' | 'sigmoid' | 'elu', number][] = [
  ['binary, relu', 'sigmoid', 'relu', 0],
  ['3 classes, tanh, l2', 'softmax', 'tanh', 0.01],
  ['regression, sigmoid', 'linear', 'sigmoid', 0],
  ['regression, elu, l2', 'linear', 'elu', 0.05],
];

function batch(rows: number, inputs: number, output: OutputKind, seed: number): { x: tf.Tensor2D; y: tf.Tensor2D } {
  return tf.tidy(() => {
    const x = tf.randomNormal([rows, inputs], 0, 1, 'float32', seed) as tf.Tensor2D;
    if (output === 'linear') return { x, y: tf.randomNormal([rows, 1], 0, 1, 'float32', seed + 1) as tf.Tensor2D };
    const classes = output === 'softmax' ? 3 : 2;
    const labels = tf.floor(tf.mul(tf.randomUniform([rows], 0, 0.999, 'float32', seed + 2), classes)).toInt();
    return { x, y: (output === 'softmax' ? tf.oneHot(labels, classes).toFloat() : labels.toFloat().reshape([rows, 1])) as tf.Tensor2D };
  });
}

/** Weights after Adam steps on the same batches, from tf.grads and Adam's formula in plain numbers. */
function reference(
  start: tf.Tensor[],
  activations: string[],
  output: OutputKind,
  l2: number,
  lr: number,
  batches: { x: tf.Tensor; y: tf.Tensor }[],
) {
  const act = (h: tf.Tensor, a: string) => (a === 'linear' ? h : (tf[a as 'relu'] as (t: tf.Tensor) => tf.Tensor)(h));
  const values = start.map((t) => Float64Array.from(t.dataSync()));
  const m = values.map((v) => new Float64Array(v.length));
  const v2 = values.map((v) => new Float64Array(v.length));
  const { beta1, beta2, epsilon } = ADAM_DEFAULTS;
  batches.forEach(({ x, y }, s) => {
    const t = s + 1;
    const grads = tf.tidy(() => {
      const params = values.map((v, i) => tf.tensor(Float32Array.from(v), start[i].shape));
      const f = (...p: tf.Tensor[]) => {
        let h = x;
        for (let i = 0; i < p.length; i += 2) h = act(tf.add(tf.matMul(h, p[i]), p[i + 1]), activations[i / 2]);
        const kernels = p.filter((_, i) => i % 2 === 0).map((w) => tf.sum(tf.square(w)));
        return tf.add(tf.div(lossSum(h, y, output), x.shape[0]), tf.mul(l2, tf.addN(kernels))) as tf.Scalar;
      };
      return tf
        .grads(f)(params)
        .map((g) => g.dataSync());
    });
    const rate = (lr * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
    values.forEach((value, i) =>
      value.forEach((w, j) => {
        const g = grads[i][j];
        m[i][j] += (g - m[i][j]) * (1 - beta1);
        v2[i][j] += (g * g - v2[i][j]) * (1 - beta2);
        value[j] = w - (rate * m[i][j]) / (Math.sqrt(v2[i][j]) + epsilon);
      }),
    );
  });
  return values;
}

type MakeStep = (
  network: DenseNetwork,
  start: tf.Tensor[],
  options: { learningRate: number; l2: number; batchSize: number },
) => TrainingStep;

describe('dense step', () => {
  const opsToTest: StepOps[] = [portableOps];
  const steps: [string, MakeStep][] = [];
  beforeAll(async () => {
    await initBackend();
    const native = nativeOps();
    if (native) opsToTest.push(native);
    for (const ops of opsToTest) steps.push([ops.kind, (network, start, o) => new DenseStep(network, ops, start, { ...o, seed: 1 })]);
    if (native) steps.push(['raw native', (network, start, o) => nativeStep(network, start, { ...o, seed: 1 })!]);
  });

  it('runs the raw native step on the native backend', () => {
    expect(steps.map(([kind]) => kind)).toEqual(tf.getBackend() === 'tensorflow' ? ['portable', 'native', 'raw native'] : ['portable']);
  });

  it.each(cases)('matches autodiff + Adam: %s', (_, output, activation, l2) => {
    const outputUnits = output === 'softmax' ? 3 : 1;
    const problemType = output === 'linear' ? 'regression' : 'classification';
    for (const [kind, make] of steps) {
      const before = tf.memory().numTensors;
      const family = problemType === 'regression' ? 'mlp_regressor' : 'mlp_classifier';
      const built = buildModel(family, { seed: 3, hiddenLayers: [6, 5], activation }, { inputDim: 4, outputUnits, problemType }, 10);
      const network = denseNetwork(built.model);
      expect(network.output).toBe(output);
      const start = networkWeights(network).map((t) => t.clone());
      const batches = [batch(16, 4, output, 1), batch(16, 4, output, 2), batch(9, 4, output, 3)];
      // Batches of 16 and a short last one (the raw step rescales its summed gradient).
      const step = make(network, start, { learningRate: 0.05, l2, batchSize: 16 });
      batches.forEach((b) => step.step(b.x, b.y).dispose());
      if (l2 > 0) expect(step.penalty()).toBeGreaterThan(0);
      const trained = step.snapshot();
      const expected = reference(start, [activation, activation, 'linear'], output, l2, 0.05, batches);
      trained.forEach((t, i) => {
        const got = t.dataSync();
        expected[i].forEach((e, j) => expect(got[j]).toBeCloseTo(e, 4));
      });
      tf.dispose([...trained, ...start, ...batches.flatMap((b) => [b.x, b.y])]);
      step.dispose();
      built.model.dispose();
      expect({ kind, leaked: tf.memory().numTensors - before }).toEqual({ kind, leaked: 0 });
    }
  });

  it('trains the raw native step the same on rows with the ones column appended (as ShuffledBatches gives them)', () => {
    if (tf.getBackend() !== 'tensorflow') return;
    const built = buildModel(
      'mlp_classifier',
      { seed: 3, hiddenLayers: [6, 5] },
      { inputDim: 4, outputUnits: 1, problemType: 'classification' },
      10,
    );
    const network = denseNetwork(built.model);
    const batches = [batch(16, 4, 'sigmoid', 1), batch(9, 4, 'sigmoid', 2)];
    const withOnes = batches.map((b) => ({ x: tf.concat([b.x, tf.ones([b.x.shape[0], 1])], 1), y: b.y }));
    const trained = [batches, withOnes].map((rows) => {
      const step = nativeStep(network, networkWeights(network), { learningRate: 0.05, l2: 0.01, seed: 1, batchSize: 16 })!;
      expect(step.inputOnes).toBe(true);
      rows.forEach((b) => step.step(b.x, b.y).dispose());
      const weights = step.snapshot();
      step.dispose();
      return weights;
    });
    trained[0].forEach((t, i) => expect(Array.from(trained[1][i].dataSync())).toEqual(Array.from(t.dataSync())));
    tf.dispose([...trained.flat(), ...batches.flatMap((b) => [b.x, b.y]), ...withOnes.map((b) => b.x)]);
    built.model.dispose();
  });

  it('computes the logits the model computes before its output activation', () => {
    for (const [, make] of steps) {
      const built = buildModel(
        'mlp_classifier',
        { seed: 5, hiddenLayers: [8] },
        { inputDim: 3, outputUnits: 1, problemType: 'classification' },
        10,
      );
      const network = denseNetwork(built.model);
      const step = make(network, networkWeights(network), { learningRate: 0.01, l2: 0, batchSize: 7 });
      const x = tf.randomNormal([7, 3], 0, 1, 'float32', 9);
      const viaStep = tf.sigmoid(step.logits(x)).dataSync();
      const viaModel = (built.model.predict(x) as tf.Tensor).dataSync();
      viaModel.forEach((p, i) => expect(viaStep[i]).toBeCloseTo(p, 5));
      step.dispose();
      built.model.dispose();
      tf.dispose(x);
    }
  });

  it('reads a model as a dense chain with its dropouts, and refuses other layers', () => {
    const shape = { inputDim: 3, outputUnits: 4, problemType: 'classification' as const };
    const built = buildModel('mlp_classifier', { seed: 1, hiddenLayers: [5, 6], dropout: 0.25, activation: 'tanh' }, shape, 10);
    const network = denseNetwork(built.model);
    expect(network.layers).toEqual([
      { units: 5, activation: 'tanh', dropout: 0.25 },
      { units: 6, activation: 'tanh', dropout: 0.25 },
      { units: 4, activation: 'linear', dropout: 0 },
    ]);
    expect(network.output).toBe('softmax');
    built.model.dispose();

    const input = tf.input({ shape: [3] });
    const normalized = tf.layers.batchNormalization().apply(input) as tf.SymbolicTensor;
    const other = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 1 }).apply(normalized) as tf.SymbolicTensor });
    expect(() => denseNetwork(other)).toThrow(/BatchNormalization/);
    other.dispose();
  });
});
