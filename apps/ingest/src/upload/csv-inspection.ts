/**
 * What the ingest app checks in an uploaded CSV: the header row (unique, non-empty column names, the
 * target among them), a first look at the target's values to pick a default model type, and at the last
 * chunk a full pass over the whole file (consistent column counts, at least one data row, size and sha256).
 */
import { createHash } from 'node:crypto';
import { parse as parseSync } from 'csv-parse/sync';
import { InvalidInputError, ProblemType } from '@modelstream/contracts';

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

/** Bytes from the start of the file read with csv-parse for the header and the sample rows. */
const HEAD_BYTES = 256 * 1024;

/**
 * One pass over the whole file: sha256, size, the header, a count of data rows and the first rows; every
 * row must have the header's number of fields. The header and sample come from csv-parse (the parser the
 * trainer uses); the row check over the whole file is a byte-level RFC 4180 scanner (CsvShapeScanner),
 * several times faster than a full parse, which matters at the last chunk of a 25 MB file.
 * Throws InvalidInputError naming the problem.
 */
export async function summarizeCsv(parts: AsyncIterable<Buffer>): Promise<CsvFileSummary> {
  const hash = createHash('sha256');
  const scanner = new CsvShapeScanner();
  const head: Buffer[] = [];
  let headBytes = 0;
  let size = 0;
  for await (const part of parts) {
    assertText(part);
    hash.update(part);
    size += part.length;
    scanner.scan(part);
    if (headBytes < HEAD_BYTES) {
      head.push(part.subarray(0, HEAD_BYTES - headBytes));
      headBytes += head.at(-1)!.length;
    }
  }
  scanner.end();
  if (size === 0 || scanner.records === 0) {
    throw new InvalidInputError('The file is empty. Upload a CSV with a header row and at least one data row.');
  }
  const inspected = inspectCsvHead(Buffer.concat(head), headBytes === size);
  if (!inspected) {
    throw new InvalidInputError(
      `The header row is longer than ${HEAD_BYTES / 1024} KiB. Check that the file is a CSV with one header line.`,
    );
  }
  const dataRows = scanner.records - 1;
  if (dataRows === 0) {
    throw new InvalidInputError('The file has a header row but no data rows. Upload a CSV with at least one data row.');
  }
  return { size, sha256: hash.digest('hex'), columns: inspected.columns, dataRows, sample: inspected.rows.slice(0, SAMPLE_ROWS) };
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Checks the shape of a CSV fed in any number of byte parts: quoted fields (with "" escapes and line
 * breaks inside), empty lines skipped, and the same number of fields in every record as in the first (the
 * header). Mirrors csv-parse's strict defaults: a quote inside an unquoted field, text after a closing
 * quote and an unclosed quote are errors. Works on UTF-8 bytes (no multi-byte sequence contains these
 * ASCII bytes).
 */
export class CsvShapeScanner {
  /** Complete non-empty records so far, the header included. */
  records = 0;
  private expected = 0;
  private fields = 1;
  private inQuotes = false;
  private fieldStart = true;
  private afterClosingQuote = false;
  private recordEmpty = true;
  private line = 1;
  private recordLine = 1;

  scan(bytes: Buffer): void {
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (this.inQuotes) {
        if (b === QUOTE) {
          this.inQuotes = false;
          this.afterClosingQuote = true;
        } else if (b === LF) this.line++;
        continue;
      }
      if (b === COMMA) {
        this.fields++;
        this.fieldStart = true;
        this.afterClosingQuote = false;
        this.recordEmpty = false;
      } else if (b === LF) {
        this.endRecord();
        this.line++;
        this.recordLine = this.line;
      } else if (b === CR) {
        continue; // CRLF line ends
      } else if (b === QUOTE) {
        if (this.afterClosingQuote) {
          this.inQuotes = true; // "" inside a quoted field
          this.afterClosingQuote = false;
        } else if (this.fieldStart) {
          this.inQuotes = true;
          this.fieldStart = false;
          this.recordEmpty = false;
        } else {
          throw this.malformed(`a quote inside an unquoted field on line ${this.line}`);
        }
      } else {
        if (this.afterClosingQuote) throw this.malformed(`text after a closing quote on line ${this.line}`);
        this.fieldStart = false;
        this.recordEmpty = false;
      }
    }
  }

  end(): void {
    if (this.inQuotes) throw this.malformed(`a quoted field opened on line ${this.recordLine} is never closed`);
    this.endRecord();
  }

  private endRecord(): void {
    if (!this.recordEmpty) {
      if (this.records === 0) this.expected = this.fields;
      else if (this.fields !== this.expected) {
        throw this.malformed(`the row on line ${this.recordLine} has ${this.fields} fields where the header has ${this.expected}`);
      }
      this.records++;
    }
    this.fields = 1;
    this.fieldStart = true;
    this.afterClosingQuote = false;
    this.recordEmpty = true;
  }

  private malformed(problem: string): InvalidInputError {
    return new InvalidInputError(`The file is not a well-formed CSV: ${problem}. Fix the file and upload it again.`);
  }
}

function assertText(bytes: Buffer): void {
  if (bytes.includes(0)) {
    throw new InvalidInputError('The file holds binary data (NUL bytes), not CSV text. Upload a UTF-8 CSV file.');
  }
}
