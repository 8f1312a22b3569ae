/**
 * The row shape of an upload, chunk by chunk (CsvShapeScanner, whose state is kept between chunks), so a malformed
 * row is refused with the chunk that holds it. A chunk with no quote (most are: numbers and plain labels) is read
 * sixteen bytes at a time by WebAssembly (csv-shape.wat); the state it leaves is the same.
 */
import { InvalidInputError } from '@modelstream/contracts';
import { ByteWasm, WasmGlobal } from '../wasm/byte-wasm';
import { WASM_BASE64 } from './csv-shape.wasm';

/** Where a CSV shape scan stands between chunks. */
export interface CsvShapeState {
  records: number;
  expected: number;
  fields: number;
  inQuotes: boolean;
  fieldStart: boolean;
  afterClosingQuote: boolean;
  recordEmpty: boolean;
  line: number;
  recordLine: number;
}

/** The scanner's state before the first byte of a file. */
export const INITIAL_SHAPE: CsvShapeState = {
  records: 0,
  expected: 0,
  fields: 1,
  inQuotes: false,
  fieldStart: true,
  afterClosingQuote: false,
  recordEmpty: true,
  line: 1,
  recordLine: 1,
};

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
/** 1 for the bytes the shape depends on (quote, comma, LF, CR); every other byte is the inside of a field. */
const SPECIAL = new Uint8Array(256);
for (const b of [QUOTE, COMMA, LF, CR]) SPECIAL[b] = 1;

/**
 * Checks the shape of a CSV fed in any number of byte parts: quoted fields (with "" escapes and line
 * breaks inside), empty lines skipped, and the same number of fields in every record as in the first (the
 * header). Mirrors csv-parse's strict defaults: a quote inside an unquoted field, text after a closing
 * quote and an unclosed quote are errors. Works on UTF-8 bytes (no multi-byte sequence contains these
 * ASCII bytes).
 */
export class CsvShapeScanner {
  private readonly s: CsvShapeState;

  /** Continues from a snapshot (the state after the previous chunk), or starts a file. */
  constructor(from?: CsvShapeState) {
    this.s = { ...(from ?? INITIAL_SHAPE) };
  }

  /** Complete non-empty records so far, the header included. */
  get records(): number {
    return this.s.records;
  }

  /** The state to continue from with the next chunk (small, JSON-serialisable). */
  snapshot(): CsvShapeState {
    return { ...this.s };
  }

  scan(bytes: Buffer): void {
    if (!this.s.inQuotes && !this.s.afterClosingQuote && bytes.indexOf(QUOTE) < 0) this.scanUnquoted(bytes);
    else this.scanEachByte(bytes);
  }

  /** Any bytes: each one's class (quote, comma, line end, CR, text) moves the state. */
  private scanEachByte(bytes: Buffer): void {
    // The hot loop works on locals and writes them back (several times faster than field accesses).
    let { records, fields, inQuotes, fieldStart, afterClosingQuote, recordEmpty, line, recordLine } = this.s;
    const expected = () => (records === 0 ? fields : this.s.expected);
    const n = bytes.length;
    for (let i = 0; i < n; i++) {
      const b = bytes[i];
      if (inQuotes) {
        if (b === QUOTE) {
          inQuotes = false;
          afterClosingQuote = true;
        } else if (b === LF) line++;
        continue;
      }
      if (b === COMMA) {
        fields++;
        fieldStart = true;
        afterClosingQuote = false;
        recordEmpty = false;
      } else if (b === LF) {
        if (!recordEmpty) {
          const want = expected();
          if (fields !== want) throw this.wrongWidth(recordLine, fields, want);
          this.s.expected = want;
          records++;
        }
        fields = 1;
        fieldStart = true;
        afterClosingQuote = false;
        recordEmpty = true;
        line++;
        recordLine = line;
      } else if (b === CR) {
        continue; // CRLF line ends
      } else if (b === QUOTE) {
        if (afterClosingQuote) {
          inQuotes = true; // "" inside a quoted field
          afterClosingQuote = false;
        } else if (fieldStart) {
          inQuotes = true;
          fieldStart = false;
          recordEmpty = false;
        } else {
          throw this.malformed(`a quote inside an unquoted field on line ${line}`);
        }
      } else {
        if (afterClosingQuote) throw this.malformed(`text after a closing quote on line ${line}`);
        fieldStart = false;
        recordEmpty = false;
        // The rest of the field's text changes nothing: one table look-up per byte.
        while (i + 1 < n && SPECIAL[bytes[i + 1]] === 0) i++;
      }
    }
    Object.assign(this.s, { records, fields, inQuotes, fieldStart, afterClosingQuote, recordEmpty, line, recordLine });
  }

  /**
   * scanEachByte() of bytes with no quote, outside a quoted field, sixteen bytes at a time in WebAssembly
   * (csv-shape.wat): a field ends at a comma, a record at a line end (a line of nothing but CRs is empty).
   */
  private scanUnquoted(bytes: Buffer): void {
    const scan = unquoted.load(bytes, bytes.length).exports;
    scan.fields.value = this.s.fields;
    scan.expected.value = this.s.expected;
    scan.records.value = this.s.records;
    const read = scan.scan_unquoted(bytes.length, this.s.recordEmpty ? 1 : 0);
    const lines = scan.lines.value;
    const recordLine = lines > 0 ? this.s.line + lines : this.s.recordLine;
    if (read === 0) throw this.wrongWidth(recordLine, scan.fields.value, scan.expected.value);
    const fields = scan.fields.value;
    const recordEmpty = fields === 1 && (lines > 0 || this.s.recordEmpty) && onlyCR(bytes, scan.lineStart.value, bytes.length);
    // A quote opens a field only at its start: after a comma or a line end (a CR changes nothing).
    let last = bytes.length - 1;
    while (last >= 0 && bytes[last] === CR) last--;
    const fieldStart = last < 0 ? this.s.fieldStart : bytes[last] === COMMA || bytes[last] === LF;
    Object.assign(this.s, {
      records: scan.records.value,
      expected: scan.expected.value,
      fields,
      fieldStart,
      afterClosingQuote: false,
      recordEmpty,
      line: this.s.line + lines,
      recordLine,
    });
  }

  end(): void {
    if (this.s.inQuotes) throw this.malformed(`a quoted field opened on line ${this.s.recordLine} is never closed`);
    this.endRecord();
  }

  private endRecord(): void {
    if (!this.s.recordEmpty) {
      if (this.s.records === 0) this.s.expected = this.s.fields;
      else if (this.s.fields !== this.s.expected) {
        throw this.wrongWidth(this.s.recordLine, this.s.fields, this.s.expected);
      }
      this.s.records++;
    }
    this.s.fields = 1;
    this.s.fieldStart = true;
    this.s.afterClosingQuote = false;
    this.s.recordEmpty = true;
  }

  private wrongWidth(line: number, fields: number, header: number): InvalidInputError {
    return this.malformed(`the row on line ${line} has ${fields} fields where the header has ${header}`);
  }

  private malformed(problem: string): InvalidInputError {
    return new InvalidInputError(`The file is not a well-formed CSV: ${problem}. Fix the file and upload it again.`);
  }
}

/** csv-shape.wat's exports: the scan, and the globals that carry its state. */
interface UnquotedScan {
  fields: WasmGlobal;
  expected: WasmGlobal;
  records: WasmGlobal;
  lines: WasmGlobal;
  lineStart: WasmGlobal;
  scan_unquoted(length: number, empty: number): number;
}

const unquoted = new ByteWasm<UnquotedScan>(WASM_BASE64);

/** Whether bytes[from, to) are all CRs (or none). */
function onlyCR(bytes: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (bytes[i] !== CR) return false;
  return true;
}
