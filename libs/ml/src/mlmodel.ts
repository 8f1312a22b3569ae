/**
 * The MLmodel file of a model bundle and the files of its `python_function` flavor. Two flavors:
 *   modelstream_tfjs   what the inference app loads (TF.js layers model + preprocessing.json)
 *   python_function    what `mlflow.pyfunc.load_model` loads: the NumPy loader `modelstream_pyfunc`
 *                      (libs/ml/python, shipped under `code/`) runs the same Dense stack on the same files
 * The signature declares the input columns, the outputs and, for classifiers, the `probabilities`
 * inference param (MLflow passes only params its signature declares).
 */
import type { Preprocessor } from './preprocessor';
import { PYFUNC_LOADER_SOURCE } from './pyfunc-loader.generated';

export const MODEL_ARTIFACT_PATH = 'model';
export const MODEL_FLAVOR = 'modelstream_tfjs';
export const PYFUNC_FLAVOR = 'python_function';
export const PYFUNC_LOADER_MODULE = 'modelstream_pyfunc';
/** `predict(df, params={"probabilities": True})`: a classifier answers label + probability_<class> columns. */
export const PROBABILITIES_PARAM = 'probabilities';
/** The Python the environment files name; the loader itself runs on any Python 3 with NumPy and pandas. */
export const PYFUNC_PYTHON_VERSION = '3.11';
const PYFUNC_REQUIREMENTS = ['mlflow>=2.10', 'numpy', 'pandas'];

export interface MlmodelInfo {
  modelType: string;
  /** How the model's files are laid out (tfjs-layers, random-forest) and the file the flavor points at. */
  format: string;
  modelPath: string;
  backend: string;
  tfjsVersion: string;
  modelUuid: string;
  runId?: string;
  createdAt?: string;
}

/** The MLmodel text; `pythonFunction` adds the python_function flavor (its files: pythonFunctionFiles()). */
export function mlmodelYaml(meta: MlmodelInfo, pre: Preprocessor, pythonFunction = true): string {
  const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const classification = pre.spec.problemType === 'classification';
  const outputs = classification
    ? [{ name: 'label', type: 'string' }, ...(pre.spec.classes ?? []).map((c) => ({ name: `probability_${c}`, type: 'double' }))]
    : [{ name: pre.spec.target, type: 'double' }];
  const params = classification && pythonFunction ? [{ name: PROBABILITIES_PARAM, type: 'boolean', default: false, shape: null }] : null;
  const created = (meta.createdAt ?? new Date().toISOString()).replace('T', ' ').replace('Z', '');
  return [
    `artifact_path: ${MODEL_ARTIFACT_PATH}`,
    'flavors:',
    `  ${MODEL_FLAVOR}:`,
    `    format: ${meta.format}`,
    `    model_type: ${meta.modelType}`,
    `    problem_type: ${pre.spec.problemType}`,
    `    backend: ${meta.backend}`,
    `    tfjs_version: ${meta.tfjsVersion}`,
    '    preprocessing: preprocessing.json',
    `    model: ${meta.modelPath}`,
    ...(pythonFunction
      ? [
          `  ${PYFUNC_FLAVOR}:`,
          `    loader_module: ${PYFUNC_LOADER_MODULE}`,
          '    code: code',
          '    env:',
          '      conda: conda.yaml',
          '      virtualenv: python_env.yaml',
          `    python_version: ${q(PYFUNC_PYTHON_VERSION)}`,
        ]
      : []),
    `model_uuid: ${meta.modelUuid}`,
    ...(meta.runId ? [`run_id: ${meta.runId}`] : []),
    'saved_input_example_info:',
    '  artifact_path: input_example.json',
    '  type: dataframe',
    '  pandas_orient: split',
    'signature:',
    `  inputs: ${q(JSON.stringify(pre.signatureInputs().map((c) => ({ ...c, required: true }))))}`,
    `  outputs: ${q(JSON.stringify(outputs))}`,
    `  params: ${params ? q(JSON.stringify(params)) : 'null'}`,
    `utc_time_created: ${q(created)}`,
    '',
  ].join('\n');
}

/** The python_function flavor's files, relative to the model directory: the loader and its environment. */
export function pythonFunctionFiles(): Record<string, Buffer> {
  const lines = (xs: string[]) => Buffer.from(`${xs.join('\n')}\n`);
  return {
    [`code/${PYFUNC_LOADER_MODULE}.py`]: Buffer.from(PYFUNC_LOADER_SOURCE),
    'requirements.txt': lines(PYFUNC_REQUIREMENTS),
    'python_env.yaml': lines([
      `python: ${PYFUNC_PYTHON_VERSION}`,
      'build_dependencies:',
      '- pip',
      'dependencies:',
      '- -r requirements.txt',
    ]),
    'conda.yaml': lines([
      'name: modelstream-pyfunc',
      'channels:',
      '- conda-forge',
      'dependencies:',
      `- python=${PYFUNC_PYTHON_VERSION}`,
      '- pip',
      '- pip:',
      ...PYFUNC_REQUIREMENTS.map((r) => `  - ${r}`),
    ]),
  };
}

/** The scalar fields of the modelstream_tfjs flavor block of an MLmodel file. */
export function parseFlavor(mlmodel: string, flavor = MODEL_FLAVOR): Record<string, string> {
  const lines = mlmodel.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() === `${flavor}:`);
  if (start < 0) throw new Error(`MLmodel has no ${flavor} flavor: this model was not saved by modelstream`);
  const indent = lines[start].search(/\S/);
  const fields: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') continue;
    if (line.search(/\S/) <= indent) break;
    const m = /^\s*([A-Za-z_]+):\s*(.*)$/.exec(line);
    if (m) fields[m[1]] = m[2].replace(/^'(.*)'$/, '$1');
  }
  return fields;
}
