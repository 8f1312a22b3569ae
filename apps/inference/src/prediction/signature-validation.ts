/**
 * Checks input rows against a model's signature before they reach the model, so a bad request gets a
 * 400 that names every problem at once: no rows, too many rows, rows that are not objects, unknown
 * columns, missing columns and values of the wrong type. null (or "") stands for a missing value and is
 * imputed as in training; a numeric column takes numbers or numeric strings (CSV cells are strings).
 */
import { InvalidInputError } from '@modelstream/contracts';
import type { InputRow } from '@modelstream/ml';
import type { SignatureColumn } from '../models/served-model';

export interface SignatureShape {
  inputs: SignatureColumn[];
  /** Columns accepted and ignored (the target, columns training ignored). */
  passThroughColumns: string[];
}

const MAX_NAMED = 10;

export function checkRowCount(rows: unknown, maxRows: number): asserts rows is unknown[] {
  if (!Array.isArray(rows)) throw new InvalidInputError('The input must be a list of rows (objects of column → value).');
  if (rows.length === 0) throw new InvalidInputError('The input has no rows: send at least one row.', { rows: 0 });
  if (rows.length > maxRows) {
    throw new InvalidInputError(
      `The input has ${rows.length} rows, over the limit of ${maxRows} rows per request: split it or use POST /api/predict/batch.`,
      { rows: rows.length, limit: maxRows },
    );
  }
}

/** The columns a signature accepts, worked out once per signature (a served model keeps its own). */
const knownColumns = new WeakMap<SignatureShape, ReadonlySet<string>>();

function knownOf(signature: SignatureShape): ReadonlySet<string> {
  let known = knownColumns.get(signature);
  if (!known) knownColumns.set(signature, (known = new Set([...signature.inputs.map((c) => c.name), ...signature.passThroughColumns])));
  return known;
}

export function validateRows(rows: unknown, signature: SignatureShape, maxRows: number): InputRow[] {
  checkRowCount(rows, maxRows);
  const known = knownOf(signature);
  const unknown = new Map<string, number[]>();
  const missing = new Map<string, number[]>();
  const wrongType: string[] = [];
  const notObjects: number[] = [];

  rows.forEach((row, r) => {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      notObjects.push(r);
      return;
    }
    const values = row as Record<string, unknown>;
    for (const column of Object.keys(values)) if (!known.has(column)) push(unknown, column, r);
    for (const column of signature.inputs) {
      // own columns only: a column named "constructor" missing from a row is missing, not Object's constructor
      if (!Object.hasOwn(values, column.name)) {
        push(missing, column.name, r);
        continue;
      }
      const problem = typeProblem(values[column.name], column);
      if (problem) wrongType.push(`row ${r} column "${column.name}": ${problem}`);
    }
  });

  const problems: string[] = [];
  if (notObjects.length) problems.push(`rows ${list(notObjects.map(String))} are not objects of column → value`);
  if (missing.size) problems.push(`missing columns: ${describe(missing)}`);
  if (unknown.size) problems.push(`unknown columns: ${describe(unknown)}`);
  problems.push(...wrongType.slice(0, MAX_NAMED));
  if (wrongType.length > MAX_NAMED) problems.push(`…and ${wrongType.length - MAX_NAMED} more values of the wrong type`);
  if (problems.length) {
    const expected = signature.inputs.map((c) => `${c.name} (${c.type === 'double' ? 'number' : 'string'})`).join(', ');
    throw new InvalidInputError(`Invalid input: ${problems.join('; ')}. The model takes: ${expected}.`, {
      missingColumns: [...missing.keys()],
      unknownColumns: [...unknown.keys()],
      wrongTypes: wrongType,
      expected: signature.inputs,
    });
  }
  return rows as InputRow[];
}

function typeProblem(value: unknown, column: SignatureColumn): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (column.type === 'double') {
    if (typeof value === 'number') return Number.isFinite(value) ? null : `expected a finite number, got ${String(value)}`;
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value.trim()))) return null;
    return `expected a number, got ${JSON.stringify(value)}`;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return null;
  return `expected a string, got ${JSON.stringify(value)}`;
}

function push(map: Map<string, number[]>, key: string, row: number): void {
  const rows = map.get(key) ?? [];
  rows.push(row);
  map.set(key, rows);
}

function describe(map: Map<string, number[]>): string {
  return list([...map.entries()].map(([column, rows]) => `"${column}" (${rows.length === 1 ? `row ${rows[0]}` : `${rows.length} rows`})`));
}

function list(items: string[]): string {
  return items.length > MAX_NAMED ? `${items.slice(0, MAX_NAMED).join(', ')}, …` : items.join(', ');
}
