/**
 * A fitted forest as the rest of the platform sees it (format `random-forest`): every tree's nodes in one
 * set of flat typed arrays, predicted by walking each tree on the encoded rows (thresholds are in encoded
 * units) and averaging the leaves. Saved as forest/forest.json (what the arrays are) and forest/trees.bin
 * (the arrays, little-endian, one after another); the pyfunc loader reads the same two files.
 */
import { endianness } from 'node:os';
import type { ReadBundleFile, SavedModel, TrainedModel } from '../trained-model';
import type { TreeNodes } from './tree-builder';
import { outputWidth } from './tree-builder';

export interface ForestShape {
  problemType: 'classification' | 'regression';
  /** Classes (classification), 0 for regression. */
  classes: number;
  inputDim: number;
}

/** Nodes of all trees; tree t starts at roots[t], left/right/value are indices into the whole arrays. */
export interface ForestArrays {
  roots: Int32Array;
  feature: Int32Array;
  threshold: Float32Array;
  left: Int32Array;
  right: Int32Array;
  value: Int32Array;
  values: Float32Array;
}

const ARRAY_ORDER = ['roots', 'feature', 'threshold', 'left', 'right', 'value', 'values'] as const;
const FORMAT = 'modelstream-random-forest';
export const FOREST_MODEL_PATH = 'forest/forest.json';
const LITTLE_ENDIAN = endianness() === 'LE';

interface ForestJson extends ForestShape {
  format: typeof FORMAT;
  version: 1;
  trees: number;
  nodes: number;
  outputWidth: number;
  /** The binary file, relative to this one, and each array's place in it. */
  data: string;
  arrays: Record<(typeof ARRAY_ORDER)[number], { dtype: 'int32' | 'float32'; offset: number; length: number }>;
}

export class ForestModel implements TrainedModel {
  readonly format = 'random-forest' as const;
  readonly width: number;
  private readonly roots: Int32Array;
  private readonly values: Float32Array;
  /**
   * Four int32 per node, so a step of a tree walk reads one cache line: feature, threshold (float32
   * bits), left, right (as offsets into this array: node × 4) for a split; −1 and the value offset for a
   * leaf. thresholds reads the same memory.
   */
  private readonly packed: Int32Array;
  private readonly thresholds: Float32Array;

  /** Use fromTrees or fromArrays; `packed` as described above. */
  private constructor(
    readonly shape: ForestShape,
    roots: Int32Array,
    packed: Int32Array,
    values: Float32Array,
  ) {
    this.width = outputWidth(shape.classes);
    this.roots = roots;
    this.packed = packed;
    this.thresholds = new Float32Array(packed.buffer, packed.byteOffset, packed.length);
    this.values = values;
  }

  get trees(): number {
    return this.roots.length;
  }

  get nodes(): number {
    return this.packed.length / 4;
  }

  get sizeBytes(): number {
    return this.packed.byteLength + this.roots.byteLength + this.values.byteLength;
  }

  /** The nodes as separate arrays (what save() writes). */
  get arrays(): ForestArrays {
    const nodes = this.nodes;
    const a: ForestArrays = {
      roots: this.roots.slice(),
      feature: new Int32Array(nodes),
      threshold: new Float32Array(nodes),
      left: new Int32Array(nodes),
      right: new Int32Array(nodes),
      value: new Int32Array(nodes),
      values: this.values.slice(),
    };
    this.unpack(a);
    return a;
  }

  /** Fills the node arrays of `a` (feature … value) from the packed nodes. */
  private unpack(a: ForestArrays): void {
    const { packed, thresholds } = this;
    for (let i = 0; i < this.nodes; i++) {
      const f = (a.feature[i] = packed[i * 4]);
      const leaf = f < 0;
      a.value[i] = leaf ? packed[i * 4 + 1] : -1;
      a.threshold[i] = leaf ? 0 : thresholds[i * 4 + 1];
      a.left[i] = leaf ? -1 : packed[i * 4 + 2] / 4;
      a.right[i] = leaf ? -1 : packed[i * 4 + 3] / 4;
    }
  }

  /** Joins built trees (in order) into one forest. */
  static fromTrees(shape: ForestShape, trees: TreeNodes[]): ForestModel {
    const nodes = trees.reduce((sum, t) => sum + t.feature.length, 0);
    const roots = new Int32Array(trees.length);
    const packed = new Int32Array(nodes * 4);
    const values = new Float32Array(trees.reduce((sum, t) => sum + t.values.length, 0));
    let base = 0;
    let valueBase = 0;
    trees.forEach((t, i) => {
      roots[i] = base;
      pack(packed, t, base, valueBase);
      values.set(t.values, valueBase);
      base += t.feature.length;
      valueBase += t.values.length;
    });
    return new ForestModel(shape, roots, packed, values);
  }

  /** A forest from its separate arrays (indices over the whole forest, as save() writes them). */
  static fromArrays(shape: ForestShape, arrays: ForestArrays): ForestModel {
    const packed = new Int32Array(arrays.feature.length * 4);
    pack(packed, arrays, 0, 0);
    return new ForestModel(shape, arrays.roots, packed, arrays.values);
  }

  /** Sums of the leaf values of trees [from, to) for each row (n × width), added into `sums`. */
  accumulate(x: Float32Array, inputDim: number, sums: Float64Array, from = 0, to = this.trees): void {
    const { roots, packed, thresholds, values } = this;
    const n = Math.floor(x.length / inputDim);
    const w = this.width;
    for (let t = from; t < to; t++) {
      const root = roots[t] * 4;
      for (let r = 0; r < n; r++) {
        const row = r * inputDim;
        let at = root;
        for (let f = packed[at]; f >= 0; f = packed[at]) at = x[row + f] <= thresholds[at + 1] ? packed[at + 2] : packed[at + 3];
        const v = packed[at + 1];
        if (w === 1) sums[r] += values[v];
        else for (let c = 0; c < w; c++) sums[r * w + c] += values[v + c];
      }
    }
  }

  predictRaw(x: Float32Array, inputDim: number): Float32Array {
    if (inputDim !== this.shape.inputDim) throw new Error(`the forest takes ${this.shape.inputDim} inputs, got ${inputDim}`);
    const n = Math.floor(x.length / inputDim);
    const sums = new Float64Array(n * this.width);
    this.accumulate(x, inputDim, sums);
    const out = new Float32Array(sums.length);
    for (let i = 0; i < sums.length; i++) out[i] = sums[i] / this.trees;
    return out;
  }

  async save(): Promise<SavedModel> {
    const nodes = this.nodes;
    const lengths = {
      roots: this.trees,
      feature: nodes,
      threshold: nodes,
      left: nodes,
      right: nodes,
      value: nodes,
      values: this.values.length,
    };
    const arrays = {} as ForestJson['arrays'];
    let offset = 0;
    for (const name of ARRAY_ORDER) {
      arrays[name] = { dtype: name === 'threshold' || name === 'values' ? 'float32' : 'int32', offset, length: lengths[name] };
      offset += lengths[name] * 4;
    }
    // The arrays are written straight into the file's bytes (a big forest is not copied twice).
    const bin = Buffer.alloc(offset);
    const view = <T>(name: (typeof ARRAY_ORDER)[number], Type: new (b: ArrayBuffer, o: number, l: number) => T): T =>
      new Type(bin.buffer as ArrayBuffer, bin.byteOffset + arrays[name].offset, arrays[name].length);
    const forest: ForestArrays = {
      roots: view('roots', Int32Array),
      feature: view('feature', Int32Array),
      threshold: view('threshold', Float32Array),
      left: view('left', Int32Array),
      right: view('right', Int32Array),
      value: view('value', Int32Array),
      values: view('values', Float32Array),
    };
    forest.roots.set(this.roots);
    forest.values.set(this.values);
    this.unpack(forest);
    if (!LITTLE_ENDIAN) bin.swap32();
    const meta: ForestJson = {
      format: FORMAT,
      version: 1,
      ...this.shape,
      trees: this.trees,
      nodes,
      outputWidth: this.width,
      data: 'trees.bin',
      arrays,
    };
    return {
      modelPath: FOREST_MODEL_PATH,
      files: { [FOREST_MODEL_PATH]: Buffer.from(JSON.stringify(meta, null, 2)), 'forest/trees.bin': bin },
    };
  }

  dispose(): void {
    // Plain typed arrays: the garbage collector frees them.
  }

  static async load(read: ReadBundleFile, modelPath: string): Promise<ForestModel> {
    const meta = JSON.parse((await read(modelPath)).toString('utf8')) as ForestJson;
    if (meta.format !== FORMAT || meta.version !== 1) throw new Error(`${modelPath} is not a version 1 ${FORMAT} file`);
    const dir = modelPath.includes('/') ? modelPath.slice(0, modelPath.lastIndexOf('/') + 1) : '';
    const bin = await read(`${dir}${meta.data}`);
    const take = (name: (typeof ARRAY_ORDER)[number]) => {
      const { dtype, offset, length } = meta.arrays[name];
      if (offset + length * 4 > bin.byteLength) throw new Error(`${meta.data} is shorter than ${modelPath} says`);
      const out = dtype === 'float32' ? new Float32Array(length) : new Int32Array(length);
      const bytes = new Uint8Array(out.buffer);
      bytes.set(bin.subarray(offset, offset + length * 4));
      if (!LITTLE_ENDIAN) Buffer.from(out.buffer).swap32();
      return out;
    };
    const arrays = Object.fromEntries(ARRAY_ORDER.map((name) => [name, take(name)])) as unknown as ForestArrays;
    return ForestModel.fromArrays({ problemType: meta.problemType, classes: meta.classes, inputDim: meta.inputDim }, arrays);
  }
}

/** Writes a tree's (or forest's) nodes into `packed` from node `base` on, its leaves' values from `valueBase`. */
function pack(packed: Int32Array, t: TreeNodes, base: number, valueBase: number): void {
  const thresholds = new Float32Array(packed.buffer, packed.byteOffset, packed.length);
  for (let j = 0; j < t.feature.length; j++) {
    const at = (base + j) * 4;
    const f = t.feature[j];
    if (f < 0) {
      packed[at] = -1;
      packed[at + 1] = t.value[j] + valueBase;
    } else {
      packed[at] = f;
      thresholds[at + 1] = t.threshold[j];
      packed[at + 2] = (t.left[j] + base) * 4;
      packed[at + 3] = (t.right[j] + base) * 4;
    }
  }
}
