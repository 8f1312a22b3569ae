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

export interface TrainedModel {
  readonly format: ModelFormat;
  /** Memory the model's parameters hold (the inference cache's budget counts it). */
  readonly sizeBytes: number;
  predictRaw(x: Float32Array, inputDim: number): Float32Array;
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

  predictRaw(x: Float32Array, inputDim: number): Float32Array {
    const n = x.length / inputDim;
    if (n === 0) return new Float32Array(0);
    const out = tf.tidy(() => this.layers.predict(tf.tensor2d(x, [n, inputDim]), { batchSize: 4096 }) as tf.Tensor);
    try {
      return out.dataSync() as Float32Array;
    } finally {
      out.dispose();
    }
  }

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
