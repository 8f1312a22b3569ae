/**
 * What the ingest app checks in an uploaded CSV: the header row (unique, non-empty column names, the
 * target among them), a first look at the target's values to pick a default model type, and at the last
 * chunk a full pass over the whole file (consistent column counts, at least one data row, size and sha256).
 */
import { createHash } from 'node:crypto';
import { parse as parseStream } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError, InvalidInputError, ProblemType } from '@modelstream/contracts';

export interface CsvHead {
  columns: string[];
  /** Complete data rows found after the header in the bytes inspected (may be empty). */
  rows: string[][];
}

export interface CsvFileSummary {
  size: number;
  sha256: string;
  columns: string[];
  dataRows: number;
  /** The first data rows (up to SAMPLE_ROWS), to choose a default model type from. */
  sample: string[][];
}

export const SAMPLE_ROWS = 1000;

/**
 * Reads the header (and the complete rows after it) from the start of a file. Returns null when the bytes
 * hold no complete line yet, unless they are the whole file.
 */
export function inspectCsvHead(bytes: Buffer, isWholeFile: boolean): CsvHead | null {
  assertText(bytes);
  let text = bytes.toString('utf8');
  if (!isWholeFile) {
    const lastNewline = text.lastIndexOf('\n');
    if (lastNewline < 0) return null;
    text = text.slice(0, lastNewline + 1);
  }
  let header: string[];
  try {
    header = (parseSync(text, { bom: true, to_line: 1, relax_column_count: true }) as string[][])[0] ?? [];
  } catch (error) {
    throw new InvalidInputError(`The CSV header row cannot be parsed (${(error as Error).message}). Check the quoting of the first line.`);
  }
  const columns = checkColumns(header);
  let rows: string[][] = [];
  try {
    rows = parseSync(text, { bom: true, from_line: 2, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch {
    // A chunk may end inside a quoted field; the rows are only a sample, the header is what matters here.
  }
  return { columns, rows };
}

/** Column names must be non-empty and unique. */
export function checkColumns(header: string[]): string[] {
  const columns = header.map((c) => c.trim());
  if (columns.length === 0 || (columns.length === 1 && columns[0] === '')) {
    throw new InvalidInputError('The file has no header row. The first line must name the columns, separated by commas.');
  }
  const empty = columns.map((c, i) => (c === '' ? i + 1 : 0)).filter(Boolean);
  if (empty.length) {
    throw new InvalidInputError(`The header row has empty column names at position(s) ${empty.join(', ')}. Give every column a name.`);
  }
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const c of columns) (seen.has(c) ? duplicates : seen).add(c);
  if (duplicates.size) {
    throw new InvalidInputError(
      `The header row repeats column name(s) ${[...duplicates].map((d) => `"${d}"`).join(', ')}. Make them unique.`,
    );
  }
  return columns;
}

/** The target column, defaulting to the last one; a name missing from the header is a 400. */
export function resolveTarget(columns: string[], target: string | null | undefined): string {
  const chosen = target ?? columns[columns.length - 1];
  if (!columns.includes(chosen)) {
    throw new InvalidInputError(
      `The target column "${chosen}" is not in the header (columns: ${columns.join(', ')}). Send a target that names one of them.`,
      {
        target: chosen,
        columns,
      },
    );
  }
  return chosen;
}

/** Above this many distinct numeric target values the default model is a regression. */
export const REGRESSION_MIN_DISTINCT_VALUES = 20;

/**
 * The default problem type from the target's values seen so far: regression when every non-empty value is
 * a number and either some value is fractional or there are more than REGRESSION_MIN_DISTINCT_VALUES
 * distinct values; classification otherwise (labels, booleans, small sets of integer codes).
 */
export function inferProblemType(values: string[]): ProblemType {
  const present = values.map((v) => v.trim()).filter((v) => v !== '');
  if (present.length === 0) return 'classification';
  const numbers = present.map((v) => Number(v));
  if (!numbers.every((n) => Number.isFinite(n))) return 'classification';
  const fractional = numbers.some((n) => !Number.isInteger(n));
  return fractional || new Set(numbers).size > REGRESSION_MIN_DISTINCT_VALUES ? 'regression' : 'classification';
}

/** The values of one column in sample rows. */
export function columnValues(head: CsvHead, column: string): string[] {
  const index = head.columns.indexOf(column);
  return head.rows.map((r) => r[index] ?? '');
}

/**
 * One pass over the whole file: sha256, size, the header and a count of data rows; every row must have
 * the header's number of fields. Throws InvalidInputError naming the problem.
 */
export async function summarizeCsv(parts: AsyncIterable<Buffer>): Promise<CsvFileSummary> {
  const hash = createHash('sha256');
  let size = 0;
  let header: string[] | undefined;
  let dataRows = 0;
  const sample: string[][] = [];
  async function* hashed() {
    for await (const part of parts) {
      assertText(part);
      hash.update(part);
      size += part.length;
      yield part;
    }
  }
  try {
    await pipeline(
      Readable.from(hashed()),
      parseStream({ bom: true, skip_empty_lines: true }),
      async (records: AsyncIterable<string[]>) => {
        for await (const record of records) {
          if (!header) header = record;
          else if (dataRows++ < SAMPLE_ROWS) sample.push(record);
        }
      },
    );
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new InvalidInputError(`The file is not a well-formed CSV: ${(error as Error).message}. Fix the file and upload it again.`);
  }
  if (size === 0) throw new InvalidInputError('The file is empty. Upload a CSV with a header row and at least one data row.');
  const columns = checkColumns(header ?? []);
  if (dataRows === 0) {
    throw new InvalidInputError('The file has a header row but no data rows. Upload a CSV with at least one data row.');
  }
  return { size, sha256: hash.digest('hex'), columns, dataRows, sample };
}

function assertText(bytes: Buffer): void {
  if (bytes.includes(0)) {
    throw new InvalidInputError('The file holds binary data (NUL bytes), not CSV text. Upload a UTF-8 CSV file.');
  }
}
