/**
 * What every fitted model is to the rest of the platform, whatever computed it: something that maps
 * encoded rows to raw outputs, saves itself as files of the model bundle and frees what it holds.
 * TensorFlow families are layers models (tfjs/model.json + weights.bin); forests are their own format.
 * Raw outputs keep one convention for every family: P(class 1) (n × 1) for two classes, class
 * probabilities (n × k) for more, the standardized target (n) for regression.
 */
import { tf } from './backend';

export type ModelFormat = 'tfjs-layers' | 'random-forest';

export interface SavedModel {
  /** Files relative to the bundle's `model/` directory. */
  files: Record<string, Buffer>;
  /** The file the MLmodel flavor names as `model`. */
  modelPath: string;
}

/** A model's raw outputs (see above); float64 where the last step is computed in JavaScript. */
export type RawOutput = Float32Array | Float64Array;

export interface TrainedModel {
  readonly format: ModelFormat;
  /** Memory the model's parameters hold (the inference cache's budget counts it). */
  readonly sizeBytes: number;
  predictRaw(x: Float32Array, inputDim: number): RawOutput;
  save(): Promise<SavedModel>;
  dispose(): void;
}

/** Reads one of the bundle's files by its path relative to `model/`. */
export type ReadBundleFile = (path: string) => Promise<Buffer>;

export type ModelLoader = (read: ReadBundleFile, modelPath: string) => Promise<TrainedModel>;

/** A TF.js layers model (every TensorFlow family, the exact linear solvers' output included). */
export class LayersTrainedModel implements TrainedModel {
  readonly format = 'tfjs-layers' as const;

  constructor(readonly layers: tf.LayersModel) {}

  get sizeBytes(): number {
    return this.layers.countParams() * 4;
  }

  /**
   * A sigmoid output is computed in float64 from the layer below: P(class 0) = 1 - P(class 1) keeps its
   * relative precision when P(class 1) is near 1 (a float32 sigmoid leaves it only 6e-8 absolute).
   */
  predictRaw(x: Float32Array, inputDim: number): RawOutput {
    const n = x.length / inputDim;
    if (n === 0) return new Float32Array(0);
    const head = (this.head ??= sigmoidHead(this.layers));
    if (!head) return runModel(this.layers, x, n, inputDim);
    const hidden = head.body ? runModel(head.body, x, n, inputDim) : x;
    const width = head.kernel.length;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let z = head.bias;
      for (let j = 0; j < width; j++) z += hidden[i * width + j] * head.kernel[j];
      out[i] = 1 / (1 + Math.exp(-z));
    }
    return out;
  }

  private head?: SigmoidHead | null;

  async save(): Promise<SavedModel> {
    let captured: tf.io.ModelArtifacts | undefined;
    await this.layers.save(
      tf.io.withSaveHandler(async (artifacts) => {
        captured = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    if (!captured?.weightData || !captured.weightSpecs) throw new Error('TF.js returned no weights when saving the model');
    const weights = Array.isArray(captured.weightData) ? tf.io.concatenateArrayBuffers(captured.weightData) : captured.weightData;
    const modelJson = {
      format: 'layers-model',
      generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
      convertedBy: null,
      modelTopology: captured.modelTopology,
      weightsManifest: [{ paths: ['weights.bin'], weights: captured.weightSpecs }],
    };
    return {
      modelPath: 'tfjs/model.json',
      files: { 'tfjs/model.json': Buffer.from(JSON.stringify(modelJson)), 'tfjs/weights.bin': Buffer.from(weights) },
    };
  }

  /** The head's body shares the model's layers and holds no tensor of its own: disposing the model frees both. */
  dispose(): void {
    this.layers.dispose();
  }

  static async load(read: ReadBundleFile, modelPath: string): Promise<LayersTrainedModel> {
    const modelDir = modelPath.includes('/') ? modelPath.slice(0, modelPath.lastIndexOf('/') + 1) : '';
    const modelJson = JSON.parse((await read(modelPath)).toString('utf8')) as {
      modelTopology: object;
      weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
    };
    const weightSpecs = modelJson.weightsManifest.flatMap((g) => g.weights);
    const buffers = await Promise.all(modelJson.weightsManifest.flatMap((g) => g.paths).map((p) => read(`${modelDir}${p}`)));
    const weightData = tf.io.concatenateArrayBuffers(
      buffers.map((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer),
    );
    const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs, weightData }));
    return new LayersTrainedModel(model);
  }
}

interface SigmoidHead {
  /** The layers below the output (null: the output layer reads the inputs). */
  body: tf.LayersModel | null;
  kernel: Float32Array;
  bias: number;
}

/** The one-unit sigmoid Dense output of a layers model, split from the layers below it; null otherwise. */
function sigmoidHead(model: tf.LayersModel): SigmoidHead | null {
  const output = model.layers.at(-1);
  const config = output?.getConfig() as { activation?: string; units?: number } | undefined;
  if (!output || output.getClassName() !== 'Dense' || config?.activation !== 'sigmoid' || config.units !== 1) return null;
  const [kernel, bias] = output.getWeights();
  const below = model.layers.at(-2);
  const body =
    below && below.getClassName() !== 'InputLayer' ? tf.model({ inputs: model.inputs, outputs: below.output as tf.SymbolicTensor }) : null;
  return { body, kernel: kernel.dataSync() as Float32Array, bias: bias ? bias.dataSync()[0] : 0 };
}

function runModel(model: tf.LayersModel, x: Float32Array, n: number, inputDim: number): Float32Array {
  const out = tf.tidy(() => model.predict(tf.tensor2d(x, [n, inputDim]), { batchSize: 4096 }) as tf.Tensor);
  try {
    return out.dataSync() as Float32Array;
  } finally {
    out.dispose();
  }
}
