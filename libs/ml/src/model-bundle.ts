/**
 * The model artifact format shared by the trainer (save) and the inference app (load). Under a run's
 * artifact path `model/`:
 *   MLmodel              MLflow model metadata (YAML): flavor `modelstream_tfjs` (and `python_function`),
 *                        signature, run id (mlmodel.ts)
 *   tfjs/model.json      TF.js layers model topology + weights manifest (format tfjs-layers)
 *   tfjs/weights.bin     the weights
 *   forest/…             the trees (format random-forest, see forest/)
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
import { loadForestModel } from './forest';
import { LayersTrainedModel, ModelFormat, ModelLoader, RawOutput, ReadBundleFile, TrainedModel } from './trained-model';

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
  model: TrainedModel;
  preprocessor: Preprocessor;
  meta: BundleMeta;
}

export type Prediction =
  | { problemType: 'classification'; classes: string[]; labels: string[]; probabilities: Record<string, number>[] }
  | { problemType: 'regression'; target: string; values: number[] };

/** Predicts for rows of column → value (checked and transformed by the bundle's preprocessor). */
export function predict(bundle: ModelBundle, rows: InputRow[]): Prediction {
  const pre = bundle.preprocessor;
  const raw = bundle.model.predictRaw(pre.transform(rows), pre.inputDim);
  if (pre.spec.problemType === 'regression') {
    return { problemType: 'regression', target: pre.spec.target, values: Array.from(raw, (z) => pre.unscaleTarget(z)) };
  }
  const classes = pre.spec.classes ?? [];
  const probs = toClassProbabilities(raw, classes.length);
  const labels: string[] = [];
  const probabilities: Record<string, number>[] = [];
  for (let i = 0; i < rows.length; i++) {
    let best = 0;
    for (let j = 1; j < classes.length; j++) if (probs[i * classes.length + j] > probs[i * classes.length + best]) best = j;
    labels.push(classes[best]);
    // own properties whatever the class is called: `p["__proto__"] = x` would set no property at all
    probabilities.push(Object.fromEntries(classes.map((c, j) => [c, probs[i * classes.length + j]])));
  }
  return { problemType: 'classification', classes, labels, probabilities };
}

/** n×1 sigmoid outputs → n×2 [P(class 0), P(class 1)]; softmax outputs pass through. */
export function toClassProbabilities(raw: RawOutput, k: number): RawOutput {
  if (k !== 2) return raw;
  const out = new Float64Array(raw.length * 2);
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
  const saved = await bundle.model.save();
  const pre = bundle.preprocessor;
  const columns = pre.featureNames;
  const example = { columns, data: inputExample.map((row) => columns.map((c) => row[c] ?? null)) };
  const info = { ...bundle.meta, format: bundle.model.format, modelPath: saved.modelPath };
  return {
    MLmodel: Buffer.from(mlmodelYaml(info, pre, pythonFunction)),
    ...saved.files,
    'preprocessing.json': Buffer.from(JSON.stringify(pre.toJSON(), null, 2)),
    'input_example.json': Buffer.from(JSON.stringify(example)),
    ...(pythonFunction ? pythonFunctionFiles() : {}),
  };
}

/** How each format's files become a TrainedModel. */
const MODEL_LOADERS: Record<ModelFormat, ModelLoader> = {
  'tfjs-layers': (read, path) => LayersTrainedModel.load(read, path),
  'random-forest': (read, path) => loadForestModel(read, path),
};

/** A model of a format from its files (the bundle's, or the ones a trainer's fit worker saved). */
export function loadTrainedModel(format: string, read: ReadBundleFile, modelPath: string): Promise<TrainedModel> {
  const loader = Object.hasOwn(MODEL_LOADERS, format) ? MODEL_LOADERS[format as ModelFormat] : undefined;
  if (!loader) throw new Error(`MLmodel names the model format "${format}", which this version cannot load`);
  return loader(read, modelPath);
}

/** Loads a bundle from files read by `read(relativePath)`. */
export async function loadBundle(read: ReadBundleFile): Promise<ModelBundle> {
  const mlmodel = (await read('MLmodel')).toString('utf8');
  const flavor = parseFlavor(mlmodel);
  const format = flavor.format ?? 'tfjs-layers';
  const [preJson, model] = await Promise.all([
    read(flavor.preprocessing ?? 'preprocessing.json'),
    loadTrainedModel(format, read, flavor.model ?? 'tfjs/model.json'),
  ]);
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
