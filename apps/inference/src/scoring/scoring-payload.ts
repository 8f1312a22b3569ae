/**
 * MLflow's scoring protocol (what `mlflow models serve` accepts on /invocations), turned into rows of
 * column → value: JSON with exactly one of `dataframe_split`, `dataframe_records`, `instances` or
 * `inputs` (optionally with `params`), or a CSV body with a header row.
 */
import { parse } from 'csv-parse/sync';
import { InvalidInputError } from '@modelstream/contracts';
import type { InputRow } from '@modelstream/ml';

const FORMATS = ['dataframe_split', 'dataframe_records', 'instances', 'inputs'] as const;
const HELP = `Send JSON with one of ${FORMATS.join(', ')} (MLflow scoring protocol), or text/csv with a header row.`;

export function isCsv(contentType: string | undefined): boolean {
  return /^(text|application)\/csv\b/i.test(contentType ?? '');
}

/** Rows from a request body. `columns` (the signature's column order) names positional values. */
export function parseScoringPayload(contentType: string | undefined, body: unknown, columns: string[]): InputRow[] {
  if (isCsv(contentType)) return parseCsvRows(typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : '');
  if (!/^application\/json\b/i.test(contentType ?? '')) {
    throw new InvalidInputError(`Content type ${JSON.stringify(contentType ?? '')} is not supported. ${HELP}`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new InvalidInputError(`The body must be a JSON object. ${HELP}`);
  const payload = body as Record<string, unknown>;
  const present = FORMATS.filter((f) => f in payload);
  const extra = Object.keys(payload).filter((k) => !(FORMATS as readonly string[]).includes(k) && k !== 'params');
  if (present.length !== 1 || extra.length) {
    throw new InvalidInputError(
      present.length > 1
        ? `The body has ${present.join(' and ')}: send exactly one. ${HELP}`
        : `The body has ${extra.length ? `unexpected keys ${extra.join(', ')}` : 'none of the input keys'}. ${HELP}`,
    );
  }
  const value = payload[present[0]];
  switch (present[0]) {
    case 'dataframe_split':
      return fromSplit(value, columns);
    case 'dataframe_records':
      if (!Array.isArray(value)) throw new InvalidInputError('dataframe_records must be a list of objects (column → value).');
      return value as InputRow[];
    case 'instances':
    case 'inputs':
      return fromTensorInput(present[0], value, columns);
  }
}

function fromSplit(value: unknown, columns: string[]): InputRow[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidInputError('dataframe_split must be an object { columns, data } (pandas "split" orient).');
  }
  const split = value as { columns?: unknown; data?: unknown };
  const names = split.columns === undefined ? columns : split.columns;
  if (!Array.isArray(names) || names.some((c) => typeof c !== 'string'))
    throw new InvalidInputError('dataframe_split.columns must be a list of column names.');
  if (!Array.isArray(split.data)) throw new InvalidInputError('dataframe_split.data must be a list of rows (lists of values).');
  return split.data.map((row, r) => {
    if (!Array.isArray(row) || row.length !== names.length) {
      throw new InvalidInputError(
        `dataframe_split.data row ${r} must be a list of ${names.length} values, one per column (${names.join(', ')}).`,
      );
    }
    return Object.fromEntries(names.map((c: string, i) => [c, row[i]]));
  });
}

/** `instances`/`inputs`: a list of records, a list of positional rows, or one object of column → list of values. */
function fromTensorInput(key: string, value: unknown, columns: string[]): InputRow[] {
  if (Array.isArray(value)) {
    return value.map((row, r) => {
      if (Array.isArray(row)) {
        if (row.length !== columns.length) {
          throw new InvalidInputError(
            `${key} row ${r} has ${row.length} values; the model takes ${columns.length} (${columns.join(', ')}).`,
          );
        }
        return Object.fromEntries(columns.map((c, i) => [c, row[i]]));
      }
      // A single-input model takes a flat list of values, one per row.
      if (columns.length === 1 && (row === null || typeof row !== 'object')) return { [columns[0]]: row };
      return row as InputRow;
    });
  }
  if (value !== null && typeof value === 'object') {
    const byColumn = Object.entries(value as Record<string, unknown>);
    const lengths = new Set(byColumn.map(([, v]) => (Array.isArray(v) ? v.length : -1)));
    if (lengths.has(-1) || lengths.size > 1)
      throw new InvalidInputError(`${key} as an object must map every column to a list of values of one length.`);
    const n = byColumn.length ? (byColumn[0][1] as unknown[]).length : 0;
    return Array.from({ length: n }, (_, r) => Object.fromEntries(byColumn.map(([c, v]) => [c, (v as unknown[])[r]])));
  }
  throw new InvalidInputError(`${key} must be a list of rows or an object of column → list of values.`);
}

/** CSV with a header row; every cell is a string (the signature check accepts numeric strings). */
export function parseCsvRows(text: string): InputRow[] {
  if (!text.trim()) return [];
  try {
    return parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as InputRow[];
  } catch (error) {
    throw new InvalidInputError(`The CSV body could not be parsed: ${(error as Error).message}`);
  }
}
