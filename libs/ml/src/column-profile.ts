/**
 * Decides each column's role (numeric feature, categorical feature, ignored with a reason, or the
 * target) and checks the data can be trained on. Every refusal is a DatasetError telling the user what
 * to change in the file or the settings.
 */
import type { ProblemType } from '@modelstream/contracts';
import { ColumnBuffer, CsvTable } from './csv-table';
import { DatasetError } from './dataset-error';

export interface DatasetLimits {
  /** Most distinct levels a categorical feature may have. */
  maxLevels: number;
  /** Most classes a classification target may have. */
  maxClasses: number;
  /** Fewest rows (with a target) a dataset needs to be split and trained. */
  minRows: number;
}

export const DEFAULT_LIMITS: DatasetLimits = { maxLevels: 50, maxClasses: 50, minRows: 10 };

export type ColumnRole =
  | { name: string; role: 'target'; kind: 'numeric' | 'categorical'; missing: number; classes?: number }
  | { name: string; role: 'numeric'; missing: number }
  | { name: string; role: 'categorical'; levels: number; missing: number }
  | { name: string; role: 'ignored'; reason: string };

export type TargetValues =
  { problemType: 'classification'; classes: string[]; labels: Int32Array } | { problemType: 'regression'; values: Float64Array };

export interface DatasetPlan {
  roles: ColumnRole[];
  features: ColumnBuffer[];
  target: TargetValues;
  /** Indices of rows whose target is present (the rows we train and validate on). */
  usableRows: Int32Array;
  droppedRows: number;
}

const ID_NAME = /^(id|uuid|guid|key|index|idx|row|row_?id|row_?num(ber)?)$|[_\-. ](id|uuid)$|^(id|uuid)[_\-. ]|[a-z]Id$/i;

export function planDataset(
  table: CsvTable,
  target: string,
  problemType: ProblemType,
  limits: DatasetLimits = DEFAULT_LIMITS,
): DatasetPlan {
  const targetIndex = table.columns.indexOf(target);
  if (targetIndex < 0) {
    throw new DatasetError(
      `The target column "${target}" is not in the file. Its columns are: ${table.columns.join(', ')}.`,
      'preprocessing',
    );
  }
  const targetValues = planTarget(table.buffers[targetIndex], problemType, limits);
  const usable: number[] = [];
  for (let r = 0; r < table.rows; r++) if (targetPresent(targetValues, r)) usable.push(r);

  const roles: ColumnRole[] = [];
  const features: ColumnBuffer[] = [];
  for (const [i, buffer] of table.buffers.entries()) {
    if (i === targetIndex) {
      roles.push({
        name: buffer.name,
        role: 'target',
        kind: targetValues.problemType === 'classification' ? 'categorical' : 'numeric',
        missing: buffer.missing,
        ...(targetValues.problemType === 'classification' ? { classes: targetValues.classes.length } : {}),
      });
      continue;
    }
    const role = planFeature(buffer, limits);
    roles.push(role);
    if (role.role !== 'ignored') features.push(buffer);
  }
  if (features.length === 0) {
    const why = roles
      .filter((r) => r.role === 'ignored')
      .map((r) => `"${r.name}" (${(r as { reason: string }).reason})`)
      .join(', ');
    throw new DatasetError(
      `No usable feature column: besides the target "${target}" ${why ? `the columns were ignored: ${why}` : 'the file has no columns'}. Add numeric or categorical columns that vary from row to row.`,
      'preprocessing',
    );
  }
  if (usable.length < limits.minRows) {
    throw new DatasetError(
      `The dataset is too small to split into training and validation: ${usable.length} row(s) have a target value, at least ${limits.minRows} are needed.`,
      'preprocessing',
      { rows: usable.length },
    );
  }
  return { roles, features, target: targetValues, usableRows: Int32Array.from(usable), droppedRows: table.rows - usable.length };
}

function targetPresent(target: TargetValues, row: number): boolean {
  return target.problemType === 'classification' ? target.labels[row] >= 0 : !Number.isNaN(target.values[row]);
}

function planTarget(buffer: ColumnBuffer, problemType: ProblemType, limits: DatasetLimits): TargetValues {
  const name = buffer.name;
  if (buffer.missing === buffer.length) throw new DatasetError(`The target column "${name}" has no values.`, 'preprocessing');
  if (buffer.nonFinite) {
    throw new DatasetError(
      `The target column "${name}" has a value that is not a finite number ("${buffer.nonFinite.value}" on data row ${buffer.nonFinite.row}). Remove that row or fix the value.`,
      'preprocessing',
    );
  }
  if (problemType === 'regression') {
    if (buffer.kind !== 'numeric') {
      const row = buffer.codes.findIndex((c) => c >= 0 && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(buffer.levels[c]));
      throw new DatasetError(
        `The target column "${name}" must be numeric for a regression model, but data row ${row + 1} has "${buffer.textAt(row)}". Choose a classification model type or a numeric target column.`,
        'preprocessing',
      );
    }
    return { problemType, values: Float64Array.from(buffer.numbers) };
  }
  // Classification: each distinct value is a class, sorted numerically when all are numbers.
  const texts = new Map<string, number>();
  const labelsText: (string | null)[] = [];
  for (let r = 0; r < buffer.length; r++) {
    const t = buffer.textAt(r);
    labelsText.push(t);
    if (t !== null) texts.set(t, (texts.get(t) ?? 0) + 1);
  }
  const classes = [...texts.keys()].sort(buffer.kind === 'numeric' ? (a, b) => Number(a) - Number(b) : undefined);
  if (classes.length < 2) {
    throw new DatasetError(
      `The target column "${name}" has a single class ("${classes[0]}"); classification needs at least two. Check the target column or add rows of other classes.`,
      'preprocessing',
    );
  }
  if (classes.length > limits.maxClasses) {
    throw new DatasetError(
      `The target column "${name}" has ${classes.length} distinct values, more than the ${limits.maxClasses} classes a classifier accepts. If it is a number to predict, choose a regression model type.`,
      'preprocessing',
    );
  }
  const index = new Map(classes.map((c, i) => [c, i]));
  return { problemType, classes, labels: Int32Array.from(labelsText, (t) => (t === null ? -1 : index.get(t)!)) };
}

function planFeature(buffer: ColumnBuffer, limits: DatasetLimits): ColumnRole {
  const name = buffer.name;
  const present = buffer.length - buffer.missing;
  if (present === 0) return { name, role: 'ignored', reason: 'empty: every value is missing' };
  if (buffer.kind === 'numeric') {
    const values = buffer.numbers.filter((v) => !Number.isNaN(v));
    const distinct = new Set(values).size;
    if (distinct <= 1 && !buffer.nonFinite) return { name, role: 'ignored', reason: 'constant: a single value' };
    if (distinct === values.length && values.length >= 10 && (ID_NAME.test(name) || isSequence(values))) {
      return { name, role: 'ignored', reason: 'identifier: unique values' };
    }
    if (buffer.nonFinite) {
      throw new DatasetError(
        `Column "${name}" has a value that is not a finite number ("${buffer.nonFinite.value}" on data row ${buffer.nonFinite.row}). Leave the cell empty to have it imputed, or put a number there.`,
        'preprocessing',
      );
    }
    return { name, role: 'numeric', missing: buffer.missing };
  }
  const distinct = buffer.levels.length;
  if (distinct <= 1) return { name, role: 'ignored', reason: 'constant: a single value' };
  if (distinct === present && present >= 10) {
    const spaced = buffer.levels.some((l) => /\s/.test(l));
    return {
      name,
      role: 'ignored',
      reason: spaced && !ID_NAME.test(name) ? 'free text: every value is unique' : 'identifier: unique values',
    };
  }
  if (distinct > limits.maxLevels) {
    if (distinct > present / 2) return { name, role: 'ignored', reason: `free text: ${distinct} distinct values in ${present} rows` };
    throw new DatasetError(
      `Column "${name}" has ${distinct} distinct categories, more than the limit of ${limits.maxLevels}. Group rare categories together, or remove the column.`,
      'preprocessing',
      { column: name, levels: distinct },
    );
  }
  return { name, role: 'categorical', levels: distinct, missing: buffer.missing };
}

function isSequence(values: number[]): boolean {
  if (!values.every(Number.isInteger)) return false;
  for (let i = 1; i < values.length; i++) if (values[i] - values[i - 1] !== 1) return false;
  return true;
}
