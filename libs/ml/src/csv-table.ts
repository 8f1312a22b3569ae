/**
 * Reads a CSV (possibly split into several chunk streams) into a column-wise table: numbers stay numbers
 * (one double per cell), text is dictionary-encoded (one small int per cell, each distinct string once),
 * so memory follows the data's size, not the number of JS strings. Rejects non-UTF-8 bytes and rows
 * with the wrong number of fields with messages a user can act on.
 */
import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DatasetError } from './dataset-error';

/** Cell texts that mean "no value". */
const MISSING = new Set(['', 'na', 'n/a', 'null', 'none', '?']);
const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;
/** x, X, o, O, b, B: the second character of "0x1f"-style literals that Number() reads but a CSV means as text. */
const RADIX = new Set([120, 88, 111, 79, 98, 66]);

/** One column's cells: numeric (NaN = missing) until the first non-numeric text, then dictionary codes (-1 = missing). */
export class ColumnBuffer {
  kind: 'numeric' | 'text' = 'numeric';
  numbers: number[] = [];
  codes: number[] = [];
  levels: string[] = [];
  private readonly dict = new Map<string, number>();
  missing = 0;
  /** The first cell that parsed to NaN or ±Infinity, if any (row is 1-based, header excluded). */
  nonFinite: { row: number; value: string } | null = null;

  constructor(readonly name: string) {}

  get length(): number {
    return this.kind === 'numeric' ? this.numbers.length : this.codes.length;
  }

  push(raw: string): void {
    // The hot path of loading: avoid trim/lowercase/regex unless the cell needs them.
    const text = raw.length > 0 && (raw.charCodeAt(0) <= 32 || raw.charCodeAt(raw.length - 1) <= 32) ? raw.trim() : raw;
    if (text.length <= 4 && MISSING.has(text.length === 0 ? '' : text.toLowerCase())) {
      this.missing++;
      if (this.kind === 'numeric') this.numbers.push(NaN);
      else this.codes.push(-1);
      return;
    }
    if (this.kind === 'numeric') {
      const value = Number(text);
      // Number() also reads hex/octal/binary ("0x1f"): those are not decimal numbers in a CSV.
      const radixPrefix = text.length > 2 && text.charCodeAt(0) === 48 && RADIX.has(text.charCodeAt(1));
      if (!Number.isNaN(value) && !radixPrefix) {
        // Finite numbers, and "Infinity" or overflowing ones like "1e999" (recorded as non-finite).
        if (!Number.isFinite(value)) this.nonFinite ??= { row: this.numbers.length + 1, value: text };
        this.numbers.push(value);
        return;
      }
      if (NON_FINITE.test(text)) {
        this.nonFinite ??= { row: this.numbers.length + 1, value: text };
        this.numbers.push(NaN);
        return;
      }
      this.toText();
    }
    this.codes.push(this.code(text));
  }

  /** The cell as text (null when missing). */
  textAt(row: number): string | null {
    if (this.kind === 'numeric') {
      const v = this.numbers[row];
      return Number.isNaN(v) ? null : String(v);
    }
    const c = this.codes[row];
    return c < 0 ? null : this.levels[c];
  }

  private code(text: string): number {
    let c = this.dict.get(text);
    if (c === undefined) {
      c = this.levels.length;
      this.levels.push(text);
      this.dict.set(text, c);
    }
    return c;
  }

  private toText(): void {
    this.kind = 'text';
    this.codes = this.numbers.map((v) => (Number.isNaN(v) ? -1 : this.code(String(v))));
    this.numbers = [];
    // A column with text in it is not numeric, so NaN/Infinity spellings in it are just text.
    this.nonFinite = null;
  }
}

export interface CsvTable {
  columns: string[];
  rows: number;
  buffers: ColumnBuffer[];
  bytes: number;
}

export function column(table: CsvTable, name: string): ColumnBuffer {
  const index = table.columns.indexOf(name);
  if (index < 0) throw new Error(`no column ${name}`);
  return table.buffers[index];
}

/** Decodes UTF-8 strictly, chunk by chunk, across chunk borders. */
async function* decodeUtf8(source: AsyncIterable<Uint8Array>, counter: { bytes: number }): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for await (const chunk of source) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw new DatasetError(
        `The file is not valid UTF-8 text (bad bytes within bytes ${counter.bytes}–${counter.bytes + chunk.length}). Save it as a UTF-8 encoded CSV and upload it again.`,
      );
    }
    counter.bytes += chunk.length;
    if (text) yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch {
    throw new DatasetError('The file is not valid UTF-8 text (it ends in the middle of a character). Save it as a UTF-8 encoded CSV.');
  }
}

/** Concatenates several byte streams (the upload's chunks, in order) into one. */
export async function* concatStreams(streams: AsyncIterable<AsyncIterable<Uint8Array>> | Iterable<AsyncIterable<Uint8Array>>) {
  for await (const stream of streams) for await (const chunk of stream) yield chunk as Uint8Array;
}

export interface ReadCsvOptions {
  /** Called every few thousand rows, e.g. to heartbeat or check for a cancel. */
  onRows?: (rows: number) => Promise<void> | void;
}

/** Streams a CSV through csv-parse into a column-wise table. The first row names the columns. */
export async function readCsvTable(source: AsyncIterable<Uint8Array>, options: ReadCsvOptions = {}): Promise<CsvTable> {
  const counter = { bytes: 0 };
  const parser = parse({ bom: true, skip_empty_lines: true, relax_quotes: false, max_record_size: 1_000_000 });
  const feeding = pipeline(Readable.from(decodeUtf8(source, counter)), parser);
  feeding.catch(() => undefined); // the same error surfaces through the iteration below
  let columns: string[] | null = null;
  let buffers: ColumnBuffer[] = [];
  let rows = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (!columns) {
        columns = checkHeader(record);
        buffers = columns.map((c) => new ColumnBuffer(c));
        continue;
      }
      for (let i = 0; i < buffers.length; i++) buffers[i].push(record[i]);
      rows++;
      if (options.onRows && rows % 5000 === 0) await options.onRows(rows);
    }
    await feeding;
  } catch (error) {
    throw translateCsvError(error, columns);
  }
  if (!columns) throw new DatasetError('The file is empty: a CSV with a header row and data rows is needed.');
  if (rows === 0) throw new DatasetError('The file has a header but no data rows.');
  return { columns, rows, buffers, bytes: counter.bytes };
}

function checkHeader(record: string[]): string[] {
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

function translateCsvError(error: unknown, columns: string[] | null): Error {
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
  if (code?.startsWith('CSV_')) {
    return new DatasetError(`The file is not a well-formed CSV near line ${lines ?? '?'}: ${(error as Error).message}.`, 'loading', {
      line: lines,
    });
  }
  return error instanceof Error ? error : new Error(String(error));
}
