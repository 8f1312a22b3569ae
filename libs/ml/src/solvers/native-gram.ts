/**
 * Float64 matrix products on native TensorFlow, for the normal equations. TF.js holds float32 only, but
 * libtensorflow computes in float64 when asked: through tfjs-node's binding (tensor ids, not TF.js
 * tensors), the float32 rows are Cast to DT_DOUBLE, multiplied by MatMul (Eigen's GEMM, the role BLAS
 * plays for scikit-learn), and read back through a Bitcast to int32 pairs, which the binding can copy out.
 * A float32 Gram matrix would not do: its rounding (1e-7 relative, times the system's condition number)
 * is far from scikit-learn's coefficients.
 */
import { nodeKernelBackend } from '../node-backend';
import { Float64Ops, TF_DOUBLE } from './native-f64';

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
  const ops = Float64Ops.open();
  if (!ops) throw new Error('float64 products need the native TensorFlow backend');
  const { binding } = ops;
  const m = y.length;
  const upload = (values: Float32Array, shape: number[]): number =>
    precision === 'float64' ? ops.fromFloat32(values, shape) : ops.track(binding.createTensor(shape, binding.TF_FLOAT, values));
  // AᵀB: MatMul with transpose_a (Eigen's fast path for both shapes used here, [y 1]ᵀX included).
  const product = (a: number, b: number): number => ops.matMul(a, b, precision === 'float64' ? TF_DOUBLE : binding.TF_FLOAT, true);
  const read = (id: number): Float64Array => (precision === 'float32' ? Float64Array.from(binding.tensorDataSync(id)) : ops.read(id));
  try {
    const rows = upload(x, [m, d]);
    const yOne = new Float32Array(2 * m);
    for (let i = 0; i < m; i++) {
      yOne[2 * i] = y[i];
      yOne[2 * i + 1] = 1;
    }
    const right = upload(yOne, [m, 2]);
    const gram = read(product(rows, rows));
    const sums = read(product(right, rows));
    return { gram, xty: sums.subarray(0, d), xSum: sums.subarray(d, 2 * d) };
  } finally {
    ops.release();
  }
}

/** Rows per native product call: about 4·10⁸ multiply-adds (≈ 50 ms in float64), at least 8192. */
export function nativeChunkRows(d: number): number {
  return Math.max(8192, Math.floor(4e8 / Math.max(d * d, 1)));
}
