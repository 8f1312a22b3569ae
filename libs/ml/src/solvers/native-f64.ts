/**
 * Float64 work on native TensorFlow through tfjs-node's binding (tensor ids, not TF.js tensors: TF.js
 * holds float32 only, libtensorflow computes in float64 when asked). Doubles go in and out as int32
 * pairs through Bitcast, which the binding can copy; every tensor made is tracked and freed together.
 */
import { nodeKernelBackend, OpAttr, TfBinding } from '../node-backend';

/** TF_DOUBLE in tensorflow/c/tf_datatype.h (the binding does not export it). */
export const TF_DOUBLE = 2;

export class Float64Ops {
  private readonly ids: number[] = [];

  constructor(readonly binding: TfBinding) {}

  /** On the native backend only; null elsewhere. */
  static open(): Float64Ops | null {
    const backend = nodeKernelBackend();
    return backend ? new Float64Ops(backend.binding) : null;
  }

  typeAttr(name: string, value: number): OpAttr {
    return { name, type: this.binding.TF_ATTR_TYPE, value };
  }

  boolAttr(name: string, value: boolean): OpAttr {
    return { name, type: this.binding.TF_ATTR_BOOL, value };
  }

  /** A tracked tensor id (freed by release()). */
  track(id: number): number {
    this.ids.push(id);
    return id;
  }

  op(name: string, attrs: OpAttr[], inputs: number[]): number {
    return this.track(this.binding.executeOp(name, attrs, inputs, 1)[0].id);
  }

  /** AᵀB (transposeA) or ABᵀ (transposeB) or AB, in `dtype`. */
  matMul(a: number, b: number, dtype: number, transposeA: boolean, transposeB = false): number {
    const attrs = [this.typeAttr('T', dtype), this.boolAttr('transpose_a', transposeA), this.boolAttr('transpose_b', transposeB)];
    return this.op('MatMul', attrs, [a, b]);
  }

  /** Float32 values as a float64 tensor of `shape` (exact); the float32 copy is freed at once. */
  fromFloat32(values: Float32Array, shape: number[]): number {
    return this.converted(this.binding.createTensor(shape, this.binding.TF_FLOAT, values), 'Cast', [
      this.typeAttr('SrcT', this.binding.TF_FLOAT),
      this.typeAttr('DstT', TF_DOUBLE),
      this.boolAttr('Truncate', false),
    ]);
  }

  /** Float64 values as a float64 tensor of `shape`, bit for bit (uploaded as int32 pairs). */
  fromFloat64(values: Float64Array, shape: number[]): number {
    const pairs = new Int32Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
    const source = this.binding.createTensor([...shape, 2], this.binding.TF_INT32, pairs);
    return this.converted(source, 'Bitcast', [this.typeAttr('T', this.binding.TF_INT32), this.typeAttr('type', TF_DOUBLE)]);
  }

  private converted(source: number, name: string, attrs: OpAttr[]): number {
    try {
      return this.op(name, attrs, [source]);
    } finally {
      this.binding.deleteTensor(source);
    }
  }

  /** An int32 vector (axes of a reduction). */
  int32(values: number[]): number {
    return this.track(this.binding.createTensor([values.length], this.binding.TF_INT32, Int32Array.from(values)));
  }

  /** The values of a float64 tensor. */
  read(id: number): Float64Array {
    const bits = this.binding.tensorDataSync(
      this.op('Bitcast', [this.typeAttr('T', TF_DOUBLE), this.typeAttr('type', this.binding.TF_INT32)], [id]),
    );
    return new Float64Array(bits.buffer.slice(bits.byteOffset, bits.byteOffset + bits.byteLength));
  }

  /** Frees every tensor made since the last release (or since `mark`, an earlier count()). */
  release(mark = 0): void {
    for (const id of this.ids.splice(mark)) this.binding.deleteTensor(id);
  }

  count(): number {
    return this.ids.length;
  }
}
