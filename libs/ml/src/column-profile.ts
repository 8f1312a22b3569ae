/**
 * Decides each column's role (numeric feature, categorical feature, ignored with a reason, or the
 * target) and checks the data can be trained on. Every refusal is a DatasetError telling the user what
 * to change in the file or the settings.
 */
import { MIN_TRAINING_ROWS, type ProblemType } from '@modelstream/contracts';
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

export const DEFAULT_LIMITS: DatasetLimits = { maxLevels: 50, maxClasses: 50, minRows: MIN_TRAINING_ROWS };

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
  const usable = rowsWithTarget(targetValues, table.rows);

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
  return { roles, features, target: targetValues, usableRows: usable, droppedRows: table.rows - usable.length };
}

function rowsWithTarget(target: TargetValues, rows: number): Int32Array {
  const usable = new Int32Array(rows);
  let n = 0;
  if (target.problemType === 'classification') {
    const labels = target.labels;
    for (let r = 0; r < rows; r++) if (labels[r] >= 0) usable[n++] = r;
  } else {
    const values = target.values;
    for (let r = 0; r < rows; r++) if (values[r] === values[r]) usable[n++] = r;
  }
  return n === rows ? usable : usable.slice(0, n);
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
    return { problemType, values: buffer.numbers };
  }
  // Classification: each distinct value is a class, sorted numerically when all are numbers.
  const { classes, classOf } = buffer.kind === 'numeric' ? numericClasses(buffer.numbers) : textClasses(buffer);
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
  return { problemType, classes, labels: classOf() };
}

/** The distinct numbers of a numeric target as class names (their text), in numeric order. */
function numericClasses(numbers: Float64Array): { classes: string[]; classOf: () => Int32Array } {
  const index = new Map<number, number>();
  for (let r = 0; r < numbers.length; r++) {
    const v = numbers[r];
    if (v === v && !index.has(v)) index.set(v, 0);
  }
  const sorted = [...index.keys()].sort((a, b) => a - b);
  sorted.forEach((v, i) => index.set(v, i));
  const classOf = () => {
    const labels = new Int32Array(numbers.length);
    for (let r = 0; r < numbers.length; r++) labels[r] = numbers[r] === numbers[r] ? index.get(numbers[r])! : -1;
    return labels;
  };
  return { classes: sorted.map(String), classOf };
}

/** The levels of a text target that occur, in string order. */
function textClasses(buffer: ColumnBuffer): { classes: string[]; classOf: () => Int32Array } {
  const codes = buffer.codes;
  const present = new Uint8Array(buffer.levels.length);
  for (let r = 0; r < codes.length; r++) if (codes[r] >= 0) present[codes[r]] = 1;
  const classes = buffer.levels.filter((_, c) => present[c]).sort();
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const codeToClass = Int32Array.from(buffer.levels, (l) => classIndex.get(l) ?? -1);
  const classOf = () => Int32Array.from(codes, (c) => (c < 0 ? -1 : codeToClass[c]));
  return { classes, classOf };
}

function planFeature(buffer: ColumnBuffer, limits: DatasetLimits): ColumnRole {
  const name = buffer.name;
  const present = buffer.length - buffer.missing;
  if (present === 0) return { name, role: 'ignored', reason: 'empty: every value is missing' };
  if (buffer.kind === 'numeric') {
    const { count, constant } = numericShape(buffer.numbers);
    if (constant && !buffer.nonFinite) return { name, role: 'ignored', reason: 'constant: a single value' };
    if (count >= 10 && (isSequence(buffer.numbers) || (ID_NAME.test(name) && allDistinct(buffer.numbers, count)))) {
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

/** How many numbers a column has (NaN = none) and whether they are all one value. */
function numericShape(numbers: Float64Array): { count: number; constant: boolean } {
  let count = 0;
  let first = NaN;
  let constant = true;
  for (let r = 0; r < numbers.length; r++) {
    const v = numbers[r];
    if (v !== v) continue;
    if (count === 0) first = v;
    else if (v !== first) constant = false;
    count++;
  }
  return { count, constant };
}

/** Whether the numbers (NaN skipped) are consecutive integers in order: a row counter. */
function isSequence(numbers: Float64Array): boolean {
  let previous = NaN;
  for (let r = 0; r < numbers.length; r++) {
    const v = numbers[r];
    if (v !== v) continue;
    if (!Number.isInteger(v) || (previous === previous && v - previous !== 1)) return false;
    previous = v;
  }
  return true;
}

function allDistinct(numbers: Float64Array, count: number): boolean {
  const sorted = new Float64Array(count);
  let n = 0;
  for (let r = 0; r < numbers.length; r++) if (numbers[r] === numbers[r]) sorted[n++] = numbers[r];
  sorted.sort();
  for (let i = 1; i < n; i++) if (sorted[i] === sorted[i - 1]) return false;
  return true;
}
