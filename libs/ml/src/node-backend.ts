/**
 * The parts of tfjs-node 4.22's kernel backend and native binding that the raw-op code uses (the MLP
 * step, the solvers' float64 products): public members of its classes, typed here once.
 */
import { tf } from './backend';

export interface OpAttr {
  name: string;
  type: number;
  value: unknown;
}

/** What the binding answers for each output of an op: a tensor id in its table. */
export interface TensorMetadata {
  id: number;
  shape: number[];
  dtype: number;
}

export interface TfBinding {
  TF_FLOAT: number;
  TF_INT32: number;
  TF_ATTR_TYPE: number;
  TF_ATTR_BOOL: number;
  TF_ATTR_INT: number;
  TF_ATTR_SHAPE: number;
  TF_ATTR_STRING: number;
  createTensor(shape: number[], dtype: number, values: Float32Array | Int32Array): number;
  executeOp(name: string, attrs: OpAttr[], inputs: number[], outputs: number): TensorMetadata[];
  /** The values of a float32 (Float32Array) or int32 (Int32Array) tensor. */
  tensorDataSync(id: number): Float32Array | Int32Array;
  deleteTensor(id: number): void;
}

export interface NodeKernelBackend {
  binding: TfBinding;
  executeSingleOutput(name: string, attrs: OpAttr[], inputs: tf.Tensor[]): tf.Tensor;
  executeMultipleOutputs(name: string, attrs: OpAttr[], inputs: tf.Tensor[], outputs: number): tf.Tensor[];
  getInputTensorIds(tensors: tf.Tensor[]): number[];
  createOutputTensor(metadata: TensorMetadata): tf.Tensor;
}

/** The native backend, or null while TF.js runs on another one. */
export function nodeKernelBackend(): NodeKernelBackend | null {
  return tf.getBackend() === 'tensorflow' ? (tf.backend() as unknown as NodeKernelBackend) : null;
}
