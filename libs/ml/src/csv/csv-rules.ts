/**
 * What every reading path shares: csv-parse's options (the card's parser and the reference for what a
 * CSV means here), the header's checks and the translation of csv-parse's errors into messages a user
 * can act on.
 */
import type { Options } from 'csv-parse';
import { DatasetError } from '../dataset-error';

export const CSV_PARSE_OPTIONS: Options = { bom: true, skip_empty_lines: true, relax_quotes: false, max_record_size: 1_000_000 };

export function checkHeader(record: string[]): string[] {
  const names = record.map((c) => c.trim());
  const empty = names.findIndex((n) => n === '');
  if (empty >= 0) throw new DatasetError(`Header column ${empty + 1} has no name. Give every column a name in the first row.`);
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw new DatasetError(`The header names column "${n}" twice. Column names must be unique.`);
    seen.add(n);
  }
  return names;
}

export function translateCsvError(error: unknown, columns: string[] | null): Error {
  if (error instanceof DatasetError) return error;
  const code = (error as { code?: string }).code;
  const lines = (error as { lines?: number }).lines;
  const record = (error as { record?: unknown[] }).record;
  if (code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' || code === 'CSV_RECORD_INCONSISTENT_COLUMNS') {
    const expected = columns?.length ?? /expect (\d+)/.exec((error as Error).message)?.[1] ?? '?';
    return new DatasetError(
      `Line ${lines ?? '?'} has ${record?.length ?? 'a different number of'} fields but the header has ${expected}. Every row needs exactly one value per column (quote values that contain commas).`,
      'loading',
      { line: lines },
    );
  }
  // csv-parse names one of its errors without the CSV_ prefix (a quote inside an unquoted value).
  if (code?.startsWith('CSV_') || code === 'INVALID_OPENING_QUOTE') {
    return new DatasetError(`The file is not a well-formed CSV near line ${lines ?? '?'}: ${(error as Error).message}.`, 'loading', {
      line: lines,
    });
  }
  return error instanceof Error ? error : new Error(String(error));
}

export function emptyFileError(): DatasetError {
  return new DatasetError('The file is empty: a CSV with a header row and data rows is needed.');
}

export function noRowsError(): DatasetError {
  return new DatasetError('The file has a header but no data rows.');
}
