/**
 * What a stored CSV holds, read once when it becomes a dataset: its data rows, a profile per column (type,
 * missing values, distinct values) and its first rows. Pure: bytes in, facts out. Missing cells are the
 * ones the trainer treats as missing (libs/ml csv-table: empty, NA, N/A, null, none, ?).
 */
import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { KeySet } from './key-set';

export type ColumnType = 'numeric' | 'categorical' | 'empty';

export interface ColumnProfile {
  name: string;
  /** numeric when every present value is a number; empty when no value is present. */
  type: ColumnType;
  missing: number;
  /** Distinct present values, counted up to DISTINCT_CAP (then `distinctCapped`). */
  distinct: number;
  distinctCapped?: boolean;
}

export interface DatasetPreview {
  columns: string[];
  rows: (string | null)[][];
}

export interface DatasetProfile {
  rows: number;
  columns: ColumnProfile[];
  preview: DatasetPreview;
}

export const PREVIEW_ROWS = 10;
const DISTINCT_CAP = 10_000;
const MISSING = new Set(['', 'na', 'n/a', 'null', 'none', '?']);

export const isMissing = (text: string): boolean => text.length <= 4 && MISSING.has(text.trim().toLowerCase());

/** The longest value kept by a number instead of a string (7 ASCII bytes: 49 bits, exact in a double). */
export const SHORT_VALUE_MAX = 7;
/** The longest number-like value (digits, dots and minus signs only: numbers and dates) kept by a number: 48 bits. */
export const NUMBER_LIKE_MAX = 12;
/** Where number-like keys start: above every key of a short value. */
const NUMBER_LIKE_KEYS = 2 ** 49;
/** A character's digit in a number-like key: 1–10 for 0–9, 11 for a dot, 12 for a minus sign; 0 for any other. */
const NUMBER_LIKE_DIGIT = new Uint8Array(128);
for (let c = 0; c < 10; c++) NUMBER_LIKE_DIGIT[0x30 + c] = c + 1;
NUMBER_LIKE_DIGIT[0x2e] = 11;
NUMBER_LIKE_DIGIT[0x2d] = 12;

/**
 * A value as one number, so a column counts it again without a string made of it: a value of at most
 * SHORT_VALUE_MAX ASCII characters other than NUL, its characters as the digits (1–127) of a base-128 number, first
 * character lowest; a longer one of at most NUMBER_LIKE_MAX digits, dots and minus signs, 2^49 plus its characters
 * as base-16 digits (NUMBER_LIKE_DIGIT). One number per text and one text per number; -1 for any other value.
 */
export function shortKeyOf(text: string): number {
  let key = 0;
  if (text.length <= SHORT_VALUE_MAX) {
    for (let i = text.length - 1; i >= 0; i--) {
      const c = text.charCodeAt(i);
      if (c === 0 || c > 0x7f) return -1;
      key = key * 128 + c;
    }
    return key;
  }
  if (text.length > NUMBER_LIKE_MAX) return -1;
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    const digit = c < 0x80 ? NUMBER_LIKE_DIGIT[c] : 0;
    if (digit === 0) return -1;
    key = key * 16 + digit;
  }
  return NUMBER_LIKE_KEYS + key;
}

/** shortKeyOf of the ASCII bytes data[start, end). */
export function shortKeyAt(data: Buffer, start: number, end: number): number {
  let key = 0;
  if (end - start <= SHORT_VALUE_MAX) {
    for (let i = end - 1; i >= start; i--) {
      if (data[i] === 0) return -1;
      key = key * 128 + data[i];
    }
    return key;
  }
  if (end - start > NUMBER_LIKE_MAX) return -1;
  for (let i = end - 1; i >= start; i--) {
    const digit = NUMBER_LIKE_DIGIT[data[i]];
    if (digit === 0) return -1;
    key = key * 16 + digit;
  }
  return NUMBER_LIKE_KEYS + key;
}

/**
 * One column's counts, value by value (shared by profileCsv and the incremental CsvProfiler). A short or
 * number-like value (shortKeyOf) is kept by its number: once seen, it is counted again with no text made of it
 * (`countSeen`), and a plain decimal is counted by its number alone (`addDecimal`).
 */
export class ColumnTally {
  missing = 0;
  numeric = true;
  present = 0;
  private readonly values = new Set<string>();
  private readonly shortValues = new KeySet();
  private readonly shortMissing = new KeySet();
  capped = false;

  /** Counts one value; `plainDecimal` when the caller knows it is one (digits, a dot, a leading minus): finite. */
  add(text: string, plainDecimal = false): void {
    const key = shortKeyOf(text);
    if (key >= 0 && this.countSeen(key)) return;
    if (isMissing(text)) {
      if (key >= 0) this.shortMissing.add(key);
      this.missing++;
      return;
    }
    this.present++;
    if (this.numeric && !plainDecimal && !Number.isFinite(Number(text))) this.numeric = false;
    if (this.capped || (key < 0 && this.values.has(text))) return;
    if (this.distinct() >= DISTINCT_CAP) this.capped = true;
    else if (key >= 0) this.shortValues.add(key);
    else this.values.add(text);
  }

  /**
   * Counts the short value of `key` (shortKeyOf) when this column has seen it before: a missing marker, or a
   * present value whose type and distinctness were settled then. False (nothing counted) for a value new here.
   */
  countSeen(key: number): boolean {
    if (this.shortValues.has(key)) this.present++;
    else if (this.shortMissing.size > 0 && this.shortMissing.has(key)) this.missing++;
    else return false;
    return true;
  }

  /**
   * Counts a plain decimal (digits, a dot, a leading minus: never a missing marker) by its key (shortKeyOf) — what
   * `add` does with its text: present, still a number, one more distinct value until the cap when new here — in one
   * look-up.
   */
  addDecimal(key: number): void {
    this.present++;
    if (!this.capped && this.shortValues.addBelow(key, DISTINCT_CAP - this.values.size) < 0) this.capped = true;
  }

  /**
   * Counts a present value known to change nothing else: longer than any missing marker, and either a plain
   * decimal in a numeric column or any text in a categorical one, once the distinct count is capped.
   */
  addSettled(): void {
    this.present++;
  }

  /**
   * Counts values found present or missing by their keys and lengths elsewhere (csv-profile.wat, from `settles` and
   * `knownKeys`): what `countSeen` and `addSettled` would have done with each.
   */
  addCounted(present: number, missing: number): void {
    this.present += present;
    this.missing += missing;
  }

  /**
   * Writes to `to` from `at` up to `limit` keys of short values (shortKeyOf, at most SHORT_VALUE_MAX characters) seen
   * present, or seen missing; answers how many. The first few seen, not all: a column with many is rarely counted
   * by them.
   */
  knownKeys(missing: boolean, to: Float64Array, at: number, limit: number): number {
    const keys = missing ? this.shortMissing : this.shortValues;
    let written = 0;
    for (let i = 0; i < keys.size && written < limit && i < 4 * limit; i++) {
      const key = keys.keyAt(i);
      if (key < NUMBER_LIKE_KEYS) to[at + written++] = key;
    }
    return written;
  }

  /** Whether `addSettled` may stand for `add` (see there): the value's length and whether it is a plain decimal. */
  settles(length: number, plainDecimal: boolean): boolean {
    return this.capped && length > 4 && (plainDecimal || !this.numeric);
  }

  profile(name: string): ColumnProfile {
    const type: ColumnType = this.present === 0 ? 'empty' : this.numeric ? 'numeric' : 'categorical';
    return { name, type, missing: this.missing, distinct: this.distinct(), ...(this.capped ? { distinctCapped: true } : {}) };
  }

  private distinct(): number {
    return this.values.size + this.shortValues.size;
  }
}

/** Profiles a CSV given as its chunks in order (the header is the first record). */
export async function profileCsv(chunks: Iterable<Buffer> | AsyncIterable<Buffer>, previewRows = PREVIEW_ROWS): Promise<DatasetProfile> {
  const parser = Readable.from(chunks).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true }));
  let header: string[] | null = null;
  let tallies: ColumnTally[] = [];
  const preview: (string | null)[][] = [];
  let rows = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    if (!header) {
      header = record;
      tallies = header.map(() => new ColumnTally());
      continue;
    }
    rows++;
    for (let i = 0; i < tallies.length; i++) tallies[i].add(record[i] ?? '');
    if (preview.length < previewRows) preview.push(header.map((_, i) => (isMissing(record[i] ?? '') ? null : record[i])));
  }
  const columns = header ?? [];
  return { rows, columns: columns.map((name, i) => tallies[i].profile(name)), preview: { columns, rows: preview } };
}
