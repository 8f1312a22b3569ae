/**
 * The fitted feature transform, kept with every model so inference applies exactly the transform the
 * model was trained on: numerics are imputed with the training mean and standardized, categoricals are
 * imputed with the training mode and one-hot encoded (a level never seen in training encodes as zeros).
 */
import { InvalidInputError, type ProblemType } from '@modelstream/contracts';
import type { ColumnBuffer } from './csv-table';
import type { ColumnRole, DatasetPlan } from './column-profile';

export type FeatureSpec =
  | { name: string; kind: 'numeric'; mean: number; std: number; impute: number }
  | { name: string; kind: 'categorical'; levels: string[]; impute: string };

export interface PreprocessingJSON {
  format: 'modelstream-preprocessing';
  version: 1;
  target: string;
  problemType: ProblemType;
  /** Class labels in output order (classifiers). */
  classes?: string[];
  /** Regression targets are trained standardized; predictions are mapped back with these. */
  targetScale?: { mean: number; std: number };
  features: FeatureSpec[];
  ignored: { name: string; reason: string }[];
  inputDim: number;
}

/** A row given to inference: column name → value. */
export type InputRow = Record<string, unknown>;

export class Preprocessor {
  private constructor(readonly spec: PreprocessingJSON) {}

  static fromJSON(json: PreprocessingJSON | string): Preprocessor {
    const spec = (typeof json === 'string' ? JSON.parse(json) : json) as PreprocessingJSON;
    if (spec.format !== 'modelstream-preprocessing' || !Array.isArray(spec.features)) {
      throw new Error('not a modelstream preprocessing.json');
    }
    return new Preprocessor(spec);
  }

  toJSON(): PreprocessingJSON {
    return this.spec;
  }

  /** Fits the transform on the training rows of a planned dataset. */
  static fit(plan: DatasetPlan, target: string, trainRows: Int32Array): Preprocessor {
    const stats = numericStats(
      plan.features.filter((b) => b.kind === 'numeric').map((b) => b.numbers),
      trainRows,
    );
    let numeric = 0;
    const features = plan.features.map((buffer): FeatureSpec => {
      if (buffer.kind !== 'numeric') return fitCategorical(buffer, trainRows);
      const { mean, std } = stats[numeric++];
      return { name: buffer.name, kind: 'numeric', mean, std, impute: mean };
    });
    const ignored = plan.roles
      .filter((r): r is Extract<ColumnRole, { role: 'ignored' }> => r.role === 'ignored')
      .map(({ name, reason }) => ({ name, reason }));
    const spec: PreprocessingJSON = {
      format: 'modelstream-preprocessing',
      version: 1,
      target,
      problemType: plan.target.problemType,
      features,
      ignored,
      inputDim: features.reduce((n, f) => n + (f.kind === 'numeric' ? 1 : f.levels.length), 0),
    };
    if (plan.target.problemType === 'classification') spec.classes = plan.target.classes;
    else {
      spec.targetScale = numericStats([plan.target.values], trainRows)[0];
    }
    return new Preprocessor(spec);
  }

  get inputDim(): number {
    return this.spec.inputDim;
  }

  get featureNames(): string[] {
    return this.spec.features.map((f) => f.name);
  }

  /** Encodes the given rows of the training table (column buffers in plan order) into a row-major matrix. */
  encodeBuffers(buffers: ColumnBuffer[], rows: Int32Array): Float32Array {
    const dim = this.inputDim;
    const out = new Float32Array(rows.length * dim);
    let offset = 0;
    const columns = this.spec.features.map((f, i): ColumnEncoding => {
      const at = offset;
      if (f.kind === 'numeric') {
        offset += 1;
        return { offset: at, numbers: buffers[i].numbers, mean: f.mean, std: f.std, impute: f.impute };
      }
      offset += f.levels.length;
      const index = new Map(f.levels.map((l, j) => [l, j]));
      const codeToSlot = Int32Array.from(buffers[i].levels, (l) => index.get(l) ?? -1);
      return { offset: at, codes: buffers[i].codes, codeToSlot, imputeSlot: index.get(f.impute) ?? -1 };
    });
    // Column by column within blocks of rows, so each column's pass writes into a block that is in cache.
    for (let from = 0; from < rows.length; from += ENCODE_BLOCK) {
      const to = Math.min(rows.length, from + ENCODE_BLOCK);
      for (const c of columns) {
        if ('numbers' in c) encodeNumeric(out, dim, c, rows, from, to);
        else encodeCategorical(out, dim, c, rows, from, to);
      }
    }
    return out;
  }

  /**
   * Encodes rows given as objects (the inference path). Checks each value against its column: a missing
   * column, a non-number in a numeric column or a non-finite number is an InvalidInputError naming the
   * row and column. null, undefined and "" are imputed like missing cells in training.
   */
  transform(rows: InputRow[]): Float32Array {
    const out = new Float32Array(rows.length * this.inputDim);
    const problems: string[] = [];
    const indexes = this.spec.features.map((f) => (f.kind === 'categorical' ? new Map(f.levels.map((l, j) => [l, j])) : null));
    rows.forEach((row, r) => {
      if (row === null || typeof row !== 'object' || Array.isArray(row)) {
        problems.push(`row ${r}: must be an object of column → value`);
        return;
      }
      let offset = 0;
      for (const [i, f] of this.spec.features.entries()) {
        const value = row[f.name];
        if (!(f.name in row)) problems.push(`row ${r}: missing column "${f.name}"`);
        const empty = value === null || value === undefined || value === '';
        if (f.kind === 'numeric') {
          let v = f.impute;
          if (!empty) {
            v = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
            if (!Number.isFinite(v)) {
              problems.push(`row ${r}: column "${f.name}" must be a finite number, got ${JSON.stringify(value)}`);
              v = f.impute;
            }
          }
          out[r * this.inputDim + offset] = (v - f.mean) / f.std;
          offset += 1;
        } else {
          if (!empty && typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
            problems.push(`row ${r}: column "${f.name}" must be a category (string), got ${JSON.stringify(value)}`);
          }
          const level = empty ? f.impute : String(value).trim();
          const slot = indexes[i]!.get(level);
          if (slot !== undefined) out[r * this.inputDim + offset + slot] = 1;
          offset += f.levels.length;
        }
      }
    });
    if (problems.length) {
      throw new InvalidInputError(`Invalid input rows: ${problems.slice(0, 20).join('; ')}${problems.length > 20 ? '; …' : ''}`, {
        problems,
      });
    }
    return out;
  }

  /** MLflow column-based signature of the inputs. */
  signatureInputs(): { name: string; type: 'double' | 'string' }[] {
    return this.spec.features.map((f) => ({ name: f.name, type: f.kind === 'numeric' ? 'double' : 'string' }));
  }

  /** Standardized regression output back to the target's unit. */
  unscaleTarget(z: number): number {
    const s = this.spec.targetScale ?? { mean: 0, std: 1 };
    return z * s.std + s.mean;
  }
}

const ENCODE_BLOCK = 256;

type ColumnEncoding =
  | { offset: number; numbers: Float64Array; mean: number; std: number; impute: number }
  | { offset: number; codes: Int32Array; codeToSlot: Int32Array; imputeSlot: number };

function encodeNumeric(
  out: Float32Array,
  dim: number,
  c: Extract<ColumnEncoding, { numbers: Float64Array }>,
  rows: Int32Array,
  from: number,
  to: number,
): void {
  const { numbers, mean, std, impute } = c;
  for (let r = from, at = from * dim + c.offset; r < to; r++, at += dim) {
    const v = numbers[rows[r]];
    out[at] = (v === v ? v - mean : impute - mean) / std;
  }
}

function encodeCategorical(
  out: Float32Array,
  dim: number,
  c: Extract<ColumnEncoding, { codes: Int32Array }>,
  rows: Int32Array,
  from: number,
  to: number,
): void {
  const { codes, codeToSlot, imputeSlot } = c;
  for (let r = from, at = from * dim + c.offset; r < to; r++, at += dim) {
    const code = codes[rows[r]];
    const slot = code < 0 ? imputeSlot : codeToSlot[code];
    if (slot >= 0) out[at + slot] = 1;
  }
}

function fitCategorical(buffer: ColumnBuffer, trainRows: Int32Array): FeatureSpec {
  const codes = buffer.codes;
  const counts = new Array<number>(buffer.levels.length).fill(0);
  for (let i = 0; i < trainRows.length; i++) {
    const code = codes[trainRows[i]];
    if (code >= 0) counts[code]++;
  }
  let mode = 0;
  counts.forEach((c, i) => (c > counts[mode] ? (mode = i) : undefined));
  const levels = buffer.levels.filter((_, i) => counts[i] > 0).sort();
  return { name: buffer.name, kind: 'categorical', levels, impute: buffer.levels[mode] };
}

export function meanStd(values: ArrayLike<number>): { mean: number; std: number } {
  const n = values.length;
  if (n === 0) return { mean: 0, std: 1 };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) sq += (values[i] - mean) ** 2;
  const std = Math.sqrt(sq / n);
  return { mean, std: std > 1e-12 ? std : 1 };
}

/**
 * meanStd of each column's values at `rows`, missing (NaN) cells left out, summed in row order like
 * meanStd. One function over every column, so it is compiled once while it runs, not once per column.
 */
function numericStats(columns: Float64Array[], rows: Int32Array): { mean: number; std: number }[] {
  const stats: { mean: number; std: number }[] = [];
  for (const values of columns) {
    let n = 0;
    let sum = 0;
    for (let i = 0; i < rows.length; i++) {
      const v = values[rows[i]];
      if (v === v) {
        sum += v;
        n++;
      }
    }
    const mean = n === 0 ? 0 : sum / n;
    let sq = 0;
    for (let i = 0; i < rows.length; i++) {
      const v = values[rows[i]];
      if (v === v) sq += (v - mean) * (v - mean);
    }
    const std = n === 0 ? 1 : Math.sqrt(sq / n);
    stats.push({ mean, std: std > 1e-12 ? std : 1 });
  }
  return stats;
}
