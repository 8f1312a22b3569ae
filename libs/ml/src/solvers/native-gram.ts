/**
 * Float64 matrix products on native TensorFlow, for the normal equations. TF.js holds float32 only, but
 * libtensorflow computes in float64 when asked: through tfjs-node's binding (tensor ids, not TF.js
 * tensors), the float32 rows are Cast to DT_DOUBLE, multiplied by MatMul (Eigen's GEMM, the role BLAS
 * plays for scikit-learn), and read back through a Bitcast to int32 pairs, which the binding can copy out.
 * A float32 Gram matrix would not do: its rounding (1e-7 relative, times the system's condition number)
 * is far from scikit-learn's coefficients.
 */
import { nodeKernelBackend, OpAttr } from '../node-backend';

/** TF_DOUBLE in tensorflow/c/tf_datatype.h (the binding does not export it). */
const TF_DOUBLE = 2;

export function nativeGramAvailable(): boolean {
  return nodeKernelBackend() !== null;
}

export interface NativeProducts {
  /** XᵀX (d × d, row-major, both triangles). */
  gram: Float64Array;
  xty: Float64Array;
  /** Column sums ΣX. */
  xSum: Float64Array;
}

/**
 * XᵀX, Xᵀy and ΣX over the row-major rows (x: m × d, y: m), computed in float64 or in float32 (four
 * times faster here, 1e-7 relative: what the iterative refinement in refined-ridge.ts starts from).
 * Throws when the backend is not native TensorFlow.
 */
export function nativeProducts(x: Float32Array, y: Float32Array, d: number, precision: 'float64' | 'float32'): NativeProducts {
  const backend = nodeKernelBackend();
  if (!backend) throw new Error('float64 products need the native TensorFlow backend');
  const { binding } = backend;
  const m = y.length;
  const dtype = precision === 'float64' ? TF_DOUBLE : binding.TF_FLOAT;
  const type = (name: string, value: number): OpAttr => ({ name, type: binding.TF_ATTR_TYPE, value });
  const ids: number[] = [];
  const track = (id: number): number => {
    ids.push(id);
    return id;
  };
  const op = (name: string, attrs: OpAttr[], inputs: number[]): number => track(binding.executeOp(name, attrs, inputs, 1)[0].id);
  const cast = (id: number): number =>
    precision === 'float32'
      ? id
      : op(
          'Cast',
          [type('SrcT', binding.TF_FLOAT), type('DstT', TF_DOUBLE), { name: 'Truncate', type: binding.TF_ATTR_BOOL, value: false }],
          [id],
        );
  // AᵀB: MatMul with transpose_a (Eigen's fast path for both shapes used here, [y 1]ᵀX included).
  const product = (a: number, b: number): number =>
    op(
      'MatMul',
      [
        type('T', dtype),
        { name: 'transpose_a', type: binding.TF_ATTR_BOOL, value: true },
        { name: 'transpose_b', type: binding.TF_ATTR_BOOL, value: false },
      ],
      [a, b],
    );
  const read = (id: number): Float64Array => {
    if (precision === 'float32') return Float64Array.from(binding.tensorDataSync(id));
    const bits = binding.tensorDataSync(op('Bitcast', [type('T', TF_DOUBLE), type('type', binding.TF_INT32)], [id]));
    return new Float64Array(bits.buffer.slice(bits.byteOffset, bits.byteOffset + bits.byteLength));
  };
  try {
    const rows = cast(track(binding.createTensor([m, d], binding.TF_FLOAT, x)));
    const yOne = new Float32Array(2 * m);
    for (let i = 0; i < m; i++) {
      yOne[2 * i] = y[i];
      yOne[2 * i + 1] = 1;
    }
    const right = cast(track(binding.createTensor([m, 2], binding.TF_FLOAT, yOne)));
    const gram = read(product(rows, rows));
    const sums = read(product(right, rows));
    return { gram, xty: sums.subarray(0, d), xSum: sums.subarray(d, 2 * d) };
  } finally {
    for (const id of ids) binding.deleteTensor(id);
  }
}

/** Rows per native product call: about 4·10⁸ multiply-adds (≈ 50 ms in float64), at least 8192. */
export function nativeChunkRows(d: number): number {
  return Math.max(8192, Math.floor(4e8 / Math.max(d * d, 1)));
}
