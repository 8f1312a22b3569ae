/**
 * fitFamily's exact path end to end: a generated CSV (with a categorical, so the one-hot columns are
 * dependent) → prepared data → the exact solver → the one-Dense-layer model the bundle holds. The model
 * computes exactly the solver's linear function, evaluates well, and survives the bundle's round trip.
 */
import { getModelSpec, resolveHyperParams, type ModelType } from '@modelstream/contracts';
import { initBackend, tf } from './backend';
import { readCsvTable } from './csv-table';
import { evaluateModel, inputExample, prepareDataset } from './dataset-preparation';
import { fitBackend, fitFamily } from './fit';
import { loadBundle, newBundleMeta, predict, serializeBundle } from './model-bundle';
import { solveLinear } from './solvers';
import { SyntheticRelation, syntheticDataset } from './synthetic-data';
import type { EpochLog } from './train';
import type { LayersTrainedModel } from './trained-model';

jest.setTimeout(60_000);

async function* once(text: string): AsyncGenerator<Uint8Array> {
  yield Buffer.from(text);
}

/** What the Dense layer must output for the solver's coefficients: X·W + b, then sigmoid or softmax. */
function expectedRaw(
  x: Float32Array,
  d: number,
  kernel: Float32Array,
  bias: Float32Array,
  activation: 'linear' | 'sigmoid' | 'softmax',
): Float64Array {
  const units = bias.length;
  const n = x.length / d;
  const out = new Float64Array(n * units);
  for (let i = 0; i < n; i++) {
    const z = Array.from({ length: units }, (_, u) => {
      let s = bias[u];
      for (let j = 0; j < d; j++) s += x[i * d + j] * kernel[j * units + u];
      return s;
    });
    const top = Math.max(...z);
    const sum = z.reduce((s, v) => s + Math.exp(v - top), 0);
    z.forEach((v, u) => {
      out[i * units + u] = activation === 'linear' ? v : activation === 'sigmoid' ? 1 / (1 + Math.exp(-v)) : Math.exp(v - top) / sum;
    });
  }
  return out;
}

const cases: [ModelType, SyntheticRelation, 'classification' | 'regression', Record<string, number>, string, number][] = [
  ['logistic_regression', 'linear-binary', 'classification', { l2: 1e-4 }, 'accuracy', 0.93],
  ['logistic_regression', 'linear-multiclass', 'classification', { l2: 1e-4 }, 'accuracy', 0.9],
  ['linear_regression', 'linear-regression', 'regression', {}, 'r2', 0.99],
  ['ridge_regression', 'linear-regression', 'regression', { alpha: 1 }, 'r2', 0.99],
];

describe('fitFamily, exact solvers', () => {
  beforeAll(async () => {
    await initBackend(['wasm', 'cpu']);
  });

  it.each(cases)('%s on %s', async (modelType, relation, problemType, given, metric, threshold) => {
    const tensorsBefore = tf.memory().numTensors;
    const ds = syntheticDataset({ relation, rows: 1500, seed: 5, categorical: true, distractors: true });
    const table = await readCsvTable(once(ds.csv));
    const prepared = prepareDataset(table, { target: ds.target, problemType, validationSplit: 0.2, seed: 3 });
    const params = resolveHyperParams(getModelSpec(modelType), { seed: 1, ...given });
    expect(params.solver).toBe('exact');
    const logs: EpochLog[] = [];
    const loop = { epochs: 1, batchSize: 32, learningRate: 0.01, seed: 1, earlyStoppingPatience: 0 };
    const fit = await fitFamily(modelType, params, prepared.data, loop, { onEpochEnd: (log) => void logs.push(log) });
    expect(fit.backend).toBe('typescript');
    expect(fitBackend(modelType, params, 'wasm')).toBe(fit.backend);
    expect(fit.outcome.history).toEqual(logs);
    expect(logs.length).toBeGreaterThanOrEqual(1);
    expect(Number.isFinite(logs.at(-1)!.loss)).toBe(true);
    if (modelType === 'logistic_regression') expect(logs.length).toBeGreaterThan(1);

    // The layers model holds exactly the solver's coefficients and computes its function.
    const { data } = prepared;
    const solution = await solveLinear(data, {
      kind: modelType === 'logistic_regression' ? 'logistic' : modelType === 'ridge_regression' ? 'ridge' : 'least-squares',
      alpha: params.alpha as number,
      l2: params.l2 as number,
      maxIter: params.maxIter as number,
      tol: params.tol as number,
    });
    const [kernel, bias] = (fit.model as LayersTrainedModel).layers.getLayer('output').getWeights();
    expect(kernel.dataSync()).toEqual(solution.kernel);
    expect(bias.dataSync()).toEqual(solution.bias);
    const activation = problemType === 'regression' ? 'linear' : solution.bias.length === 1 ? 'sigmoid' : 'softmax';
    const expected = expectedRaw(data.xVal, data.inputDim, solution.kernel, solution.bias, activation);
    const raw = fit.model.predictRaw(data.xVal, data.inputDim);
    expect(raw).toHaveLength(expected.length);
    let worst = 0;
    expected.forEach((v, i) => (worst = Math.max(worst, Math.abs(raw[i] - v))));
    expect(worst).toBeLessThan(1e-5);

    const evaluation = evaluateModel(fit.model, prepared);
    expect(evaluation.metrics[metric]).toBeGreaterThan(threshold);

    // The bundle's round trip predicts the same.
    const bundle = {
      model: fit.model,
      preprocessor: prepared.preprocessor,
      meta: newBundleMeta({ modelType, problemType, backend: fit.backend }),
    };
    const example = inputExample(table, prepared, 8);
    const files = await serializeBundle(bundle, example);
    const loaded = await loadBundle(async (path) => files[path]);
    expect(predict(loaded, example)).toEqual(predict(bundle, example));
    fit.model.dispose();
    loaded.model.dispose();
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });
});

describe('fitBackend', () => {
  const params = (modelType: ModelType, given: Record<string, unknown> = {}) => resolveHyperParams(getModelSpec(modelType), { ...given });
  it.each([
    ['linear_regression', {}, 'tensorflow', 'tensorflow'],
    ['ridge_regression', {}, 'tensorflow', 'tensorflow'],
    ['ridge_regression', {}, 'wasm', 'typescript'],
    ['logistic_regression', {}, 'tensorflow', 'tensorflow'],
    ['logistic_regression', {}, 'wasm', 'typescript'],
    ['logistic_regression', { solver: 'adam' }, 'tensorflow', 'tensorflow'],
    ['ridge_regression', { solver: 'adam' }, 'wasm', 'wasm'],
    ['mlp_classifier', {}, 'tensorflow', 'tensorflow'],
    ['random_forest_regressor', {}, 'tensorflow', 'typescript-workers'],
  ] as const)('%s %j on %s: %s', (modelType, given, tfBackend, expected) => {
    expect(fitBackend(modelType, params(modelType, given), tfBackend)).toBe(expected);
  });
});
