/**
 * The row shape of an upload, chunk by chunk (CsvShapeScanner, whose state is kept between chunks), so a malformed
 * row is refused with the chunk that holds it. A chunk with no quote (most are: numbers and plain labels) is read
 * four bytes at a time; the state it leaves is the same.
 */
import { InvalidInputError } from '@modelstream/contracts';

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
   * scanEachByte() of bytes with no quote, outside a quoted field, four bytes at a time: a field ends at a comma, a
   * record at a line end (a line of nothing but CRs is empty). A word of the bytes with no LF in it only adds its
   * commas (counted with bit operations, no branch per byte); the others are read byte by byte.
   */
  private scanUnquoted(bytes: Buffer): void {
    let { records, fields, recordEmpty, line, recordLine } = this.s;
    const n = bytes.length;
    const first = (4 - (bytes.byteOffset & 3)) & 3; // the first byte of an aligned word
    const count = n > first ? (n - first) >> 2 : 0;
    const words = count > 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset + first, count) : NO_WORDS;
    const wordsEnd = first + words.length * 4;
    let lineStart = 0;
    let i = 0;
    while (i < n) {
      let stop = i + 1; // a byte on its own before the first aligned word and after the last
      if (i >= first && i < wordsEnd) {
        // A run of words with no LF only adds their commas; the word that ends it is read byte by byte.
        let w = (i - first) >> 2;
        for (; w < words.length; w++) {
          const word = words[w];
          if (zeroBytes(word ^ LF_WORD) !== 0) break;
          fields += countBits(zeroBytes(word ^ COMMA_WORD));
        }
        i = first + (w << 2);
        if (i >= wordsEnd) continue;
        stop = i + 4;
      }
      for (; i < stop; i++) {
        const b = bytes[i];
        if (b === COMMA) fields++;
        else if (b === LF) {
          if (fields > 1 || !(recordEmpty && onlyCR(bytes, lineStart, i))) {
            const want = records === 0 ? fields : this.s.expected;
            if (fields !== want) throw this.wrongWidth(recordLine, fields, want);
            this.s.expected = want;
            records++;
          }
          fields = 1;
          recordEmpty = true;
          line++;
          recordLine = line;
          lineStart = i + 1;
        }
      }
    }
    recordEmpty = fields === 1 && recordEmpty && onlyCR(bytes, lineStart, n);
    // A quote opens a field only at its start: after a comma or a line end (a CR changes nothing).
    let last = n - 1;
    while (last >= 0 && bytes[last] === CR) last--;
    const fieldStart = last < 0 ? this.s.fieldStart : bytes[last] === COMMA || bytes[last] === LF;
    Object.assign(this.s, { records, fields, fieldStart, afterClosingQuote: false, recordEmpty, line, recordLine });
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

const NO_WORDS = new Uint32Array(0);
const LF_WORD = 0x0a0a0a0a;
const COMMA_WORD = 0x2c2c2c2c;

/** The high bit of each zero byte of a 32-bit word, nothing else (exact: no borrow between bytes). */
function zeroBytes(word: number): number {
  return ~(((word & 0x7f7f7f7f) + 0x7f7f7f7f) | word | 0x7f7f7f7f);
}

/** How many of a word's byte high bits (zeroBytes) are set. */
function countBits(highBits: number): number {
  return Math.imul((highBits >>> 7) & 0x01010101, 0x01010101) >>> 24;
}

/** Whether bytes[from, to) are all CRs (or none). */
function onlyCR(bytes: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (bytes[i] !== CR) return false;
  return true;
}
