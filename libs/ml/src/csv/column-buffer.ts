/**
 * One column of a loaded CSV in typed storage: numbers in a growable Float64Array (NaN = missing) until
 * the first cell that is not a number, then dictionary codes in an Int32Array (-1 = missing) with each
 * distinct text once in `levels`. `push` holds every rule of what a cell means; the byte reader calls the
 * narrower `pushNumber`/`pushMissing` only for cells whose meaning those rules leave no doubt about.
 */

/** Cell texts that mean "no value". */
const MISSING = new Set(['', 'na', 'n/a', 'null', 'none', '?']);
const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;
/** x, X, o, O, b, B: the second character of "0x1f"-style literals that Number() reads but a CSV means as text. */
const RADIX = new Set([120, 88, 111, 79, 98, 66]);
const EMPTY_NUMBERS = new Float64Array(0);
const EMPTY_CODES = new Int32Array(0);

export class ColumnBuffer {
  kind: 'numeric' | 'text' = 'numeric';
  levels: string[] = [];
  missing = 0;
  /** The first cell that parsed to NaN or ±Infinity, if any (row is 1-based, header excluded). */
  nonFinite: { row: number; value: string } | null = null;
  private num: Float64Array;
  private cod: Int32Array = EMPTY_CODES;
  private size = 0;
  private numView: Float64Array = EMPTY_NUMBERS;
  private codView: Int32Array = EMPTY_CODES;
  private readonly dict = new Map<string, number>();

  constructor(
    readonly name: string,
    capacity = 1024,
  ) {
    this.num = new Float64Array(capacity);
  }

  get length(): number {
    return this.size;
  }

  /** The cells of a numeric column (an exact-length view; empty once the column is text). */
  get numbers(): Float64Array {
    if (this.kind !== 'numeric') return EMPTY_NUMBERS;
    if (this.numView.length !== this.size || this.numView.buffer !== this.num.buffer) this.numView = this.num.subarray(0, this.size);
    return this.numView;
  }

  /** The cells of a text column as level indices, -1 = missing (empty while the column is numeric). */
  get codes(): Int32Array {
    if (this.kind !== 'text') return EMPTY_CODES;
    if (this.codView.length !== this.size || this.codView.buffer !== this.cod.buffer) this.codView = this.cod.subarray(0, this.size);
    return this.codView;
  }

  push(raw: string): void {
    // The hot path of loading: avoid trim/lowercase/regex unless the cell needs them.
    const text = raw.length > 0 && (raw.charCodeAt(0) <= 32 || raw.charCodeAt(raw.length - 1) <= 32) ? raw.trim() : raw;
    if (text.length <= 4 && MISSING.has(text.length === 0 ? '' : text.toLowerCase())) {
      this.pushMissing();
      return;
    }
    if (this.kind === 'numeric') {
      const value = Number(text);
      // Number() also reads hex/octal/binary ("0x1f"): those are not decimal numbers in a CSV.
      const radixPrefix = text.length > 2 && text.charCodeAt(0) === 48 && RADIX.has(text.charCodeAt(1));
      if (!Number.isNaN(value) && !radixPrefix) {
        // Finite numbers, and "Infinity" or overflowing ones like "1e999" (recorded as non-finite).
        if (!Number.isFinite(value)) this.nonFinite ??= { row: this.size + 1, value: text };
        this.pushNumber(value);
        return;
      }
      if (NON_FINITE.test(text)) {
        this.nonFinite ??= { row: this.size + 1, value: text };
        this.pushNumber(NaN);
        return;
      }
      this.toText();
    }
    this.pushCode(this.code(text));
  }

  /** A text cell judged before (by its bytes): a level's code, or -1 for a missing marker. */
  pushJudged(code: number): void {
    if (code < 0) this.pushMissing();
    else this.pushCode(code);
  }

  /** The code of the last cell of a text column. */
  get lastCode(): number {
    return this.cod[this.size - 1];
  }

  /** A finite decimal number, read by the caller exactly as Number() reads it (numeric columns only). */
  pushNumber(value: number): void {
    if (this.size === this.num.length) this.num = grow(this.num, new Float64Array(Math.max(1024, this.num.length * 2)));
    this.num[this.size++] = value;
  }

  pushMissing(): void {
    this.missing++;
    if (this.kind === 'numeric') this.pushNumber(NaN);
    else this.pushCode(-1);
  }

  /** Gives back the spare capacity when it is over a third of the storage. */
  compact(): void {
    const storage = this.kind === 'numeric' ? this.num : this.cod;
    if (storage.length > 1024 && storage.length > this.size * 1.5) {
      if (this.kind === 'numeric') this.num = this.num.slice(0, this.size);
      else this.cod = this.cod.slice(0, this.size);
    }
  }

  /** The cell as text (null when missing). */
  textAt(row: number): string | null {
    if (this.kind === 'numeric') {
      const v = this.num[row];
      return Number.isNaN(v) ? null : String(v);
    }
    const c = this.cod[row];
    return c < 0 ? null : this.levels[c];
  }

  private pushCode(code: number): void {
    if (this.size === this.cod.length) this.cod = grow(this.cod, new Int32Array(Math.max(1024, this.cod.length * 2)));
    this.cod[this.size++] = code;
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
    const codes = new Int32Array(this.num.length);
    for (let i = 0; i < this.size; i++) {
      const v = this.num[i];
      codes[i] = Number.isNaN(v) ? -1 : this.code(String(v));
    }
    this.cod = codes;
    this.num = EMPTY_NUMBERS;
    this.numView = EMPTY_NUMBERS;
    // A column with text in it is not numeric, so NaN/Infinity spellings in it are just text.
    this.nonFinite = null;
  }
}

function grow<T extends Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
