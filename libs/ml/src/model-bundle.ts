/**
 * The model artifact format shared by the trainer (save) and the inference app (load). Under a run's
 * artifact path `model/`:
 *   MLmodel              MLflow model metadata (YAML): flavor `modelstream_tfjs` (and `python_function`),
 *                        signature, run id (mlmodel.ts)
 *   tfjs/model.json      TF.js layers model topology + weights manifest
 *   tfjs/weights.bin     the weights
 *   preprocessing.json   the fitted Preprocessor (see preprocessor.ts)
 *   input_example.json   a few input rows, MLflow "split" orient
 *   code/modelstream_pyfunc.py, requirements.txt, python_env.yaml, conda.yaml
 *                        the python_function flavor: `mlflow.pyfunc.load_model` runs the model with NumPy
 * This module knows those files as bytes; the trainer uploads them to MLflow and inference downloads them.
 */
import { randomUUID } from 'node:crypto';
import { tf } from './backend';
import { mlmodelYaml, parseFlavor, pythonFunctionFiles } from './mlmodel';
import { InputRow, PreprocessingJSON, Preprocessor } from './preprocessor';
import { predictRaw } from './train';

export {
  MODEL_ARTIFACT_PATH,
  MODEL_FLAVOR,
  parseFlavor,
  PROBABILITIES_PARAM,
  PYFUNC_FLAVOR,
  PYFUNC_LOADER_MODULE,
  pythonFunctionFiles,
} from './mlmodel';

export interface BundleMeta {
  modelType: string;
  problemType: 'classification' | 'regression';
  backend: string;
  tfjsVersion: string;
  modelUuid: string;
  runId?: string;
  createdAt?: string;
}

export interface ModelBundle {
  model: tf.LayersModel;
  preprocessor: Preprocessor;
  meta: BundleMeta;
}

export type Prediction =
  | { problemType: 'classification'; classes: string[]; labels: string[]; probabilities: Record<string, number>[] }
  | { problemType: 'regression'; target: string; values: number[] };

/** Predicts for rows of column → value (checked and transformed by the bundle's preprocessor). */
export function predict(bundle: ModelBundle, rows: InputRow[]): Prediction {
  const pre = bundle.preprocessor;
  const raw = predictRaw(bundle.model, pre.transform(rows), pre.inputDim);
  if (pre.spec.problemType === 'regression') {
    return { problemType: 'regression', target: pre.spec.target, values: Array.from(raw, (z) => pre.unscaleTarget(z)) };
  }
  const classes = pre.spec.classes ?? [];
  const probs = toClassProbabilities(raw, classes.length);
  const labels: string[] = [];
  const probabilities: Record<string, number>[] = [];
  for (let i = 0; i < rows.length; i++) {
    let best = 0;
    const p: Record<string, number> = {};
    classes.forEach((c, j) => {
      p[c] = probs[i * classes.length + j];
      if (probs[i * classes.length + j] > probs[i * classes.length + best]) best = j;
    });
    labels.push(classes[best]);
    probabilities.push(p);
  }
  return { problemType: 'classification', classes, labels, probabilities };
}

/** n×1 sigmoid outputs → n×2 [P(class 0), P(class 1)]; softmax outputs pass through. */
export function toClassProbabilities(raw: Float32Array, k: number): Float32Array {
  if (k !== 2) return raw;
  const out = new Float32Array(raw.length * 2);
  raw.forEach((p, i) => {
    out[i * 2] = 1 - p;
    out[i * 2 + 1] = p;
  });
  return out;
}

export interface SerializeOptions {
  /**
   * Adds the python_function flavor (MLmodel entry, loader code, environment files). The trainer registers
   * every version with it; off, the files are only what the inference app reads.
   */
  pythonFunction?: boolean;
}

/** The bundle's files, relative to the model artifact directory (`model/`). */
export async function serializeBundle(
  bundle: ModelBundle,
  inputExample: InputRow[] = [],
  { pythonFunction = false }: SerializeOptions = {},
): Promise<Record<string, Buffer>> {
  let captured: tf.io.ModelArtifacts | undefined;
  await bundle.model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!captured?.weightData || !captured.weightSpecs) throw new Error('TF.js returned no weights when saving the model');
  const weights = Array.isArray(captured.weightData) ? tf.io.concatenateArrayBuffers(captured.weightData) : captured.weightData;
  const modelJson = {
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs-layers v${bundle.meta.tfjsVersion}`,
    convertedBy: null,
    modelTopology: captured.modelTopology,
    weightsManifest: [{ paths: ['weights.bin'], weights: captured.weightSpecs }],
  };
  const pre = bundle.preprocessor;
  const columns = pre.featureNames;
  const example = { columns, data: inputExample.map((row) => columns.map((c) => row[c] ?? null)) };
  return {
    MLmodel: Buffer.from(mlmodelYaml(bundle.meta, pre, pythonFunction)),
    'tfjs/model.json': Buffer.from(JSON.stringify(modelJson)),
    'tfjs/weights.bin': Buffer.from(weights),
    'preprocessing.json': Buffer.from(JSON.stringify(pre.toJSON(), null, 2)),
    'input_example.json': Buffer.from(JSON.stringify(example)),
    ...(pythonFunction ? pythonFunctionFiles() : {}),
  };
}

/** Loads a bundle from files read by `read(relativePath)`. */
export async function loadBundle(read: (path: string) => Promise<Buffer>): Promise<ModelBundle> {
  const mlmodel = (await read('MLmodel')).toString('utf8');
  const flavor = parseFlavor(mlmodel);
  const modelPath = flavor.model ?? 'tfjs/model.json';
  const modelDir = modelPath.includes('/') ? modelPath.slice(0, modelPath.lastIndexOf('/') + 1) : '';
  const [preJson, modelJsonText] = await Promise.all([read(flavor.preprocessing ?? 'preprocessing.json'), read(modelPath)]);
  const modelJson = JSON.parse(modelJsonText.toString('utf8')) as {
    modelTopology: object;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  };
  const weightSpecs = modelJson.weightsManifest.flatMap((g) => g.weights);
  const buffers = await Promise.all(modelJson.weightsManifest.flatMap((g) => g.paths).map((p) => read(`${modelDir}${p}`)));
  const weightData = tf.io.concatenateArrayBuffers(
    buffers.map((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer),
  );
  const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs, weightData }));
  const preprocessor = Preprocessor.fromJSON(JSON.parse(preJson.toString('utf8')) as PreprocessingJSON);
  return {
    model,
    preprocessor,
    meta: {
      modelType: flavor.model_type ?? 'unknown',
      problemType: preprocessor.spec.problemType,
      backend: flavor.backend ?? 'unknown',
      tfjsVersion: flavor.tfjs_version ?? 'unknown',
      modelUuid: /^model_uuid:\s*(\S+)/m.exec(mlmodel)?.[1] ?? '',
      runId: /^run_id:\s*(\S+)/m.exec(mlmodel)?.[1],
    },
  };
}

/** Frees the model's tensors. */
export function disposeBundle(bundle: ModelBundle): void {
  bundle.model.dispose();
}

export function newBundleMeta(meta: Omit<BundleMeta, 'modelUuid' | 'tfjsVersion'>): BundleMeta {
  return { ...meta, modelUuid: randomUUID().replace(/-/g, ''), tfjsVersion: tf.version.tfjs, createdAt: new Date().toISOString() };
}
