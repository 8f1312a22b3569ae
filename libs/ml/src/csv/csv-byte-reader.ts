/**
 * Reads CSV bytes into column buffers in one pass, without a JS object per row or a string per number:
 * the header goes through csv-parse; then each record is scanned byte by byte, and a regular one (no
 * quote, one field per column, no line break but its delimiter) is stored at once — plain decimals
 * parsed from their bytes, every other cell decoded and given to ColumnBuffer.push, which holds the
 * rules. Irregular records go to csv-parse (CsvParseLane) in file order, so both paths mean the same.
 */
import { parse as parseSync } from 'csv-parse/sync';
import { ABSENT, ByteDictionary } from './byte-dictionary';
import { ColumnBuffer } from './column-buffer';
import { CsvParseLane } from './csv-parse-lane';
import { CSV_PARSE_OPTIONS, checkHeader, emptyFileError } from './csv-rules';
import { scanDecimal } from './decimal-bytes';

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
/** Records longer than this go to csv-parse, which enforces its max_record_size. */
const MAX_REGULAR_RECORD = 1_000_000;
/** Bytes that end an unquoted field or make its record irregular. */
const SPECIAL = new Uint8Array(256);
for (const b of [COMMA, QUOTE, LF, CR]) SPECIAL[b] = 1;

export class CsvByteReader {
  columns: string[] | null = null;
  buffers: ColumnBuffer[] = [];
  rows = 0;
  /** Set when `rows` reached `reportAt`: the caller reports progress and scans on. */
  paused = false;
  reportAt = Infinity;
  /** The record delimiter's bytes, from the header's line end. */
  private delimiter: Uint8Array = Buffer.from('\n');
  /** csv-parse for irregular records, made at the first one (a clean file never needs it). */
  private lane: CsvParseLane | null = null;
  private header: { bytes: Uint8Array; firstDataLine: number } | null = null;
  /** The line (csv-parse's count) the next record starts on. */
  private line = 1;
  private starts = new Int32Array(0);
  private ends = new Int32Array(0);
  /** Per column of the record being scanned: its value when it is a plain decimal, else NaN. */
  private values = new Float64Array(0);
  /** Per column: 1 while it is numeric. */
  private numeric = new Uint8Array(0);
  private readonly stop = new Int32Array(1);
  /** Per column: what the bytes of its text cells came to. */
  private dictionaries: ByteDictionary[] = [];
  private text: Buffer = Buffer.alloc(0);
  private bomChecked = false;

  /** The last byte of the record delimiter (where a chunk's first record most likely ends). */
  get lineEnd(): number {
    return this.delimiter[this.delimiter.length - 1];
  }

  /** Scans `bytes` from `pos`; answers where it stopped (a record cut by the chunk's end waits for more). */
  scan(bytes: Uint8Array, pos: number, final: boolean): number {
    this.text = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    if (!this.columns) {
      pos = this.readHeader(bytes, pos, final);
      if (!this.columns) return pos;
    }
    return this.scanRecords(bytes, pos, final);
  }

  /** The end of the file, after the last scan with `final`. */
  end(): void {
    if (this.lane?.open) this.lane.close();
    for (const b of this.buffers) b.compact();
  }

  private readHeader(bytes: Uint8Array, pos: number, final: boolean): number {
    const end = bytes.length;
    if (!this.bomChecked) {
      if (end - pos < 3 && !final) return pos;
      // A UTF-8 byte order mark is not part of the text (TextDecoder drops one; csv-parse drops a second).
      if (bytes[pos] === 0xef && bytes[pos + 1] === 0xbb && bytes[pos + 2] === 0xbf) pos += 3;
      this.bomChecked = true;
    }
    let d = pos;
    let quoted = false;
    for (; d < end; d++) {
      const b = bytes[d];
      if (b === QUOTE) quoted = !quoted;
      else if (!quoted && (b === LF || b === CR)) break;
    }
    if (!final && (d === end || (bytes[d] === CR && d + 1 === end))) return pos;
    if (d < end) this.delimiter = bytes[d] === LF ? Buffer.from('\n') : bytes[d + 1] === LF ? Buffer.from('\r\n') : Buffer.from('\r');
    let headerEnd = d < end ? pos : end;
    while (headerEnd < end) {
      const blank = this.delimiterAt(bytes, headerEnd, end, final);
      if (blank < 0) return pos;
      if (blank === 0) break;
      headerEnd += blank;
    }
    headerEnd = headerEnd < end ? this.irregularEnd(bytes, headerEnd, end, final) : end;
    if (headerEnd < 0) return pos;
    const header = bytes.subarray(pos, headerEnd);
    const records = parseSync(Buffer.from(header.buffer, header.byteOffset, header.length), {
      ...CSV_PARSE_OPTIONS,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    if (records.length === 0) {
      if (final) throw emptyFileError();
      return pos;
    }
    this.columns = checkHeader(records[0].record);
    this.buffers = this.columns.map((c) => new ColumnBuffer(c));
    this.starts = new Int32Array(this.columns.length);
    this.ends = new Int32Array(this.columns.length);
    this.values = new Float64Array(this.columns.length);
    this.numeric = new Uint8Array(this.columns.length).fill(1);
    this.dictionaries = this.columns.map(() => new ByteDictionary());
    this.line = records[0].info.lines + 1;
    this.header = { bytes: header.slice(), firstDataLine: this.line };
    return headerEnd;
  }

  private scanRecords(bytes: Uint8Array, pos: number, final: boolean): number {
    const end = bytes.length;
    let run = -1; // where the bytes of the open irregular run not yet given to csv-parse start
    while (pos < end) {
      if (this.rows >= this.reportAt) {
        this.paused = true;
        break;
      }
      const s = pos;
      const first = bytes[s];
      if (first === LF || first === CR) {
        const blank = this.delimiterAt(bytes, s, end, final);
        if (blank < 0) break;
        if (blank > 0) {
          if (!this.lane?.open) this.line++;
          else if (run < 0) run = s;
          pos = s + blank;
          continue;
        }
      }
      const next = this.scanFields(bytes, s, end, final);
      if (next === -2) break;
      if (next >= 0 && next - s <= MAX_REGULAR_RECORD) {
        if (this.lane?.open) {
          this.line = this.lane.close(run >= 0 ? bytes.subarray(run, s) : undefined);
          run = -1;
        }
        this.commit(bytes);
        this.line++;
        pos = next;
        continue;
      }
      const e = this.irregularEnd(bytes, s, end, final);
      if (e < 0) break;
      const lane = this.csvParse();
      if (!lane.open) lane.start(this.line);
      if (run < 0) run = s;
      pos = e;
    }
    if (run >= 0) this.lane!.add(bytes.subarray(run, pos));
    return pos;
  }

  /**
   * Finds the fields of the record at `s` (bounds in starts/ends, plain decimals of numeric columns in
   * values) and answers where the next record starts when it is regular; -1 when it is irregular, -2
   * when the bytes end before that is known.
   */
  private scanFields(bytes: Uint8Array, s: number, end: number, final: boolean): number {
    const last = this.buffers.length - 1;
    const { starts, ends, values, numeric, stop } = this;
    for (let p = s, c = 0; ;) {
      // A numeric column's cell is read as a decimal on the way; any other byte before the field's end
      // means it is not one (its text is decoded and judged at commit).
      let q = p;
      let value = NaN;
      if (numeric[c] === 1) {
        value = scanDecimal(bytes, p, end, stop);
        q = stop[0];
      }
      if (q < end && SPECIAL[bytes[q]] === 0) {
        value = NaN;
        for (q++; q < end && SPECIAL[bytes[q]] === 0;) q++;
      }
      values[c] = value;
      starts[c] = p;
      ends[c] = q;
      if (q === end) return !final ? -2 : c === last ? q : -1;
      const b = bytes[q];
      if (b === COMMA) {
        if (c === last) return -1;
        c++;
        p = q + 1;
        continue;
      }
      if (b === QUOTE || c !== last) return -1;
      const length = this.delimiterAt(bytes, q, end, final);
      return length > 0 ? q + length : length < 0 ? -2 : -1;
    }
  }

  private csvParse(): CsvParseLane {
    if (!this.lane) {
      const { bytes, firstDataLine } = this.header!;
      this.lane = new CsvParseLane(bytes, Buffer.from(this.delimiter), firstDataLine, (record) => this.pushRecord(record));
    }
    return this.lane;
  }

  /** Stores a regular record's fields (their bounds are in starts/ends). */
  private commit(bytes: Uint8Array): void {
    const buffers = this.buffers;
    const dictionaries = this.dictionaries;
    const starts = this.starts;
    const ends = this.ends;
    const values = this.values;
    const numeric = this.numeric;
    for (let c = 0; c < buffers.length; c++) {
      const column = buffers[c];
      const from = starts[c];
      const to = ends[c];
      if (numeric[c] === 1) {
        const value = values[c];
        if (value === value) column.pushNumber(value);
        else if (from === to) column.pushMissing();
        else {
          column.push(this.text.toString('utf8', from, to));
          if (column.kind !== 'numeric') numeric[c] = 0;
        }
      } else if (from === to) {
        column.pushMissing();
      } else if (dictionaries[c].enabled) {
        const dictionary = dictionaries[c];
        const hash = ByteDictionary.hash(bytes, from, to);
        const code = dictionary.get(bytes, from, to, hash);
        if (code !== ABSENT) column.pushJudged(code);
        else {
          column.push(this.text.toString('utf8', from, to));
          dictionary.set(bytes, from, to, hash, column.lastCode);
        }
      } else {
        column.push(this.text.toString('utf8', from, to));
      }
    }
    this.rows++;
  }

  /** A record from csv-parse. */
  private pushRecord(record: string[]): void {
    for (let i = 0; i < this.buffers.length; i++) {
      this.buffers[i].push(record[i]);
      if (this.buffers[i].kind !== 'numeric') this.numeric[i] = 0;
    }
    this.rows++;
  }

  /** The record delimiter's length if it starts at `q`, 0 if not, -1 if the bytes end before that is known. */
  private delimiterAt(bytes: Uint8Array, q: number, end: number, final: boolean): number {
    const d = this.delimiter;
    if (bytes[q] !== d[0]) return 0;
    if (d.length === 1) return 1;
    if (q + 1 === end) return final ? 0 : -1;
    return bytes[q + 1] === d[1] ? 2 : 0;
  }

  /** Where a record that csv-parse will read ends (after its delimiter), counting quotes; -1 if not in these bytes. */
  private irregularEnd(bytes: Uint8Array, s: number, end: number, final: boolean): number {
    let quoted = false;
    for (let q = s; q < end; q++) {
      const b = bytes[q];
      if (b === QUOTE) quoted = !quoted;
      else if (!quoted && (b === LF || b === CR)) {
        const length = this.delimiterAt(bytes, q, end, final);
        if (length < 0) return -1;
        if (length > 0) return q + length;
      }
    }
    return final ? end : -1;
  }
}
