/**
 * JSON rows (POST /api/train, seed 002) as the CSV file they are stored as: the columns in order of first
 * appearance, RFC 4180 quoting, missing and null cells empty. A value that is not a scalar is a 400.
 */
import { InvalidInputError } from '@modelstream/contracts';

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

function cell(value: unknown, row: number, column: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InvalidInputError(`rows[${row}].${column} is ${value}: send a finite number or null.`);
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') {
    throw new InvalidInputError(
      `rows[${row}].${column} is ${Array.isArray(value) ? 'an array' : 'an object'}: each cell must be a string, number, boolean or null.`,
    );
  }
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The CSV bytes of `rows`; every row must be a JSON object. */
export function rowsToCsv(rows: readonly Record<string, unknown>[]): Buffer {
  const columns: string[] = [];
  const known = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!known.has(key)) {
        known.add(key);
        columns.push(key);
      }
    }
  }
  if (columns.length === 0) throw new InvalidInputError('rows hold no columns: send objects such as {"x": 1, "y": "a"}.');
  const lines = [columns.map((c) => cell(c, -1, 'header')).join(',')];
  rows.forEach((row, i) => lines.push(columns.map((c) => cell(Object.hasOwn(row, c) ? row[c] : null, i, c)).join(',')));
  return Buffer.from(lines.join('\n') + '\n');
}
