/**
 * The bench's generated 100k × 20 datasets (the same files, split and validation rows as bench/train:
 * .stack/bench-data/{classification,regression}-<rows>x<features>.csv, seed 1, noise 0.5, 80/20 split
 * with seed 42), loaded once per process through the trainer's own load → prepare path.
 */
import { createReadStream, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareDataset, readCsvTable, splitRows, syntheticDataset, type PreparedDataset } from '@modelstream/ml';

export type MlpFamily = 'mlp_classifier' | 'mlp_regressor';

export const dataDir = join(__dirname, '..', '..', '.stack', 'bench-data');

export function dataFiles(family: MlpFamily, rows = 100_000, features = 20): { csv: string; validation: string } {
  const base = join(dataDir, `${family === 'mlp_classifier' ? 'classification' : 'regression'}-${rows}x${features}`);
  return { csv: `${base}.csv`, validation: `${base}.validation.i32` };
}

/** Writes the family's files if missing. */
export function ensureData(family: MlpFamily, rows = 100_000, features = 20): void {
  const files = dataFiles(family, rows, features);
  mkdirSync(dataDir, { recursive: true });
  if (!existsSync(files.csv)) {
    const relation = family === 'mlp_classifier' ? 'linear-binary' : 'linear-regression';
    writeFileSync(`${files.csv}.tmp`, syntheticDataset({ relation, rows, features, seed: 1, noise: 0.5 }).csv);
    renameSync(`${files.csv}.tmp`, files.csv);
  }
  if (!existsSync(files.validation)) {
    const { validation } = splitRows(
      Int32Array.from({ length: rows }, (_, i) => i),
      0.2,
      42,
    );
    writeFileSync(files.validation, new Uint8Array(validation.buffer, validation.byteOffset, validation.byteLength));
  }
}

const loaded = new Map<MlpFamily, PreparedDataset>();

export async function loadData(family: MlpFamily): Promise<PreparedDataset> {
  const cached = loaded.get(family);
  if (cached) return cached;
  ensureData(family);
  const table = await readCsvTable(createReadStream(dataFiles(family).csv));
  const problemType = family === 'mlp_classifier' ? 'classification' : 'regression';
  const prepared = prepareDataset(table, { target: 'target', problemType, validationSplit: 0.2, seed: 42 });
  loaded.set(family, prepared);
  return prepared;
}

/** The bench's metric from a validation log: accuracy, or R² from the standardized val_loss (MSE). */
export function benchMetric(prepared: PreparedDataset, metrics: Record<string, number>): number {
  if (prepared.data.problemType === 'classification') return metrics.val_accuracy;
  const y = prepared.data.yVal;
  const mean = y.reduce((s, v) => s + v, 0) / y.length;
  const variance = y.reduce((s, v) => s + (v - mean) ** 2, 0) / y.length;
  return 1 - metrics.val_loss / variance;
}
