/**
 * The bench's data files, written once to .stack/bench-data/: the generated linear datasets (rows × 20
 * features, a binary label and a noisy linear target) and the real-shaped mixed table (numeric +
 * categorical + missing), each next to the validation rows of its 80/20 split (little-endian int32), so
 * the Python peers validate on exactly the rows our prepareDataset holds out.
 */
import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { splitRows, syntheticDataset } from '@modelstream/ml';
import { MIXED_FEATURES, mixedRows } from './mixed-table';

export type DatasetName = 'synthetic' | 'mixed';
export type ProblemKind = 'classification' | 'regression';

export const DATASETS: readonly DatasetName[] = ['synthetic', 'mixed'];
export const VALIDATION_SPLIT = 0.2;
export const SPLIT_SEED = 42;

export interface DataFile {
  dataset: DatasetName;
  problem: ProblemKind;
  path: string;
  target: string;
  /** The validation rows (0-based data rows, ascending), int32 little-endian. */
  validationPath: string;
}

export function dataFile(dir: string, dataset: DatasetName, problem: ProblemKind, rows: number, features: number): DataFile {
  const base = dataset === 'synthetic' ? join(dir, `${problem}-${rows}x${features}`) : join(dir, `mixed-${problem}-${rows}`);
  const target = dataset === 'synthetic' ? 'target' : problem === 'classification' ? 'renewed' : 'annual_value';
  return { dataset, problem, path: `${base}.csv`, target, validationPath: `${base}.validation.i32` };
}

/** Writes whichever of the datasets' files are missing (a partial file from an interrupted run is never used). */
export function ensureData(dir: string, datasets: readonly DatasetName[], rows: number, features: number): void {
  mkdirSync(dir, { recursive: true });
  for (const dataset of datasets) {
    const files = (['classification', 'regression'] as const).map((p) => dataFile(dir, dataset, p, rows, features));
    if (files.some((f) => !existsSync(f.path))) {
      if (dataset === 'synthetic') writeSynthetic(files, rows, features);
      else writeMixed(files, rows);
    }
    for (const f of files) if (!existsSync(f.validationPath)) writeValidationRows(f.validationPath, rows);
  }
}

function writeSynthetic(files: DataFile[], rows: number, features: number): void {
  for (const f of files) {
    const relation = f.problem === 'classification' ? 'linear-binary' : 'linear-regression';
    writeFileSync(`${f.path}.tmp`, syntheticDataset({ relation, rows, features, seed: 1, noise: 0.5 }).csv);
    renameSync(`${f.path}.tmp`, f.path);
  }
}

function writeMixed(files: DataFile[], rows: number): void {
  const [classification, regression] = files;
  const out = [openSync(`${classification.path}.tmp`, 'w'), openSync(`${regression.path}.tmp`, 'w')];
  const header = MIXED_FEATURES.join(',');
  const pending = [[`${header},${classification.target}`], [`${header},${regression.target}`]];
  const flush = (): void => {
    pending.forEach((lines, i) => writeSync(out[i], `${lines.join('\n')}\n`));
    pending.forEach((lines) => (lines.length = 0));
  };
  for (const row of mixedRows(rows, 12)) {
    const cells = row.cells.join(',');
    pending[0].push(`${cells},${row.label}`);
    pending[1].push(`${cells},${row.value.toFixed(2)}`);
    if (pending[0].length >= 10_000) flush();
  }
  if (pending[0].length) flush();
  out.forEach((fd) => closeSync(fd));
  renameSync(`${classification.path}.tmp`, classification.path);
  renameSync(`${regression.path}.tmp`, regression.path);
}

/** The validation rows prepareDataset picks for a table whose every row has a target (as both datasets do). */
export function validationRows(rows: number): Int32Array {
  return splitRows(
    Int32Array.from({ length: rows }, (_, i) => i),
    VALIDATION_SPLIT,
    SPLIT_SEED,
  ).validation;
}

function writeValidationRows(path: string, rows: number): void {
  const validation = validationRows(rows);
  writeFileSync(path, new Uint8Array(validation.buffer, validation.byteOffset, validation.byteLength));
}
