/**
 * The dataset profile of profileCsv (dataset-profile.ts), built chunk by chunk as an upload's chunks are
 * accepted, so the last chunk does not re-read and re-parse the whole file. It reads what the upload's shape
 * checks let through (quoted fields with "" escapes and line breaks, LF or CRLF line ends, a leading BOM, empty
 * lines skipped, every row as wide as the header) in one pass over each chunk's text. Anything outside that —
 * a lone CR, a line of blanks, a quoted empty line — makes `finish()` answer null, and the caller profiles the
 * stored file with csv-parse instead: same answer, the slow way.
 *
 * It walks the bytes, not decoded text (a string's characters cost several times a byte array's), and decodes
 * only the values it keeps: the header, quoted fields, and the values a column still has to look at (a short or
 * number-like value is counted by the number its bytes make, shortKeyOf in dataset-profile.ts). A record
 * is never cut: the bytes of an incomplete one wait for the next chunk, so a UTF-8 sequence is never split.
 * Bytes with no quote (most files: numbers and plain labels) take a leaner loop once the header is read
 * (consumeUnquoted): WebAssembly finds the fields and counts the values a column's tally already knows the outcome
 * of (csv-profile.wat).
 */
import { ColumnTally, DatasetProfile, isMissing, shortKeyAt } from './dataset-profile';
import { readUnquotedRecords, VALUE } from './unquoted-records';

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const DOT = 0x2e;
const MINUS = 0x2d;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const NOTHING = Buffer.alloc(0);
/** The longest value taken for a number by its bytes alone: with more digits, Number() of it may be Infinity. */
const PLAIN_MAX = 300;

export class CsvProfiler {
  private carry: Buffer = NOTHING;
  private started = false;
  private header: string[] | null = null;
  private tallies: ColumnTally[] = [];
  private readonly preview: (string | null)[][] = [];
  private rows = 0;
  private exotic = false;
  /**
   * The current record's fields: an unquoted one by its place in the bytes (and whether it is a plain decimal, or
   * holds bytes outside ASCII), a quoted one by its value.
   */
  private readonly fields = {
    start: [] as number[],
    end: [] as number[],
    plain: [] as boolean[],
    ascii: [] as boolean[],
    quoted: [] as (string | null)[],
  };

  constructor(private readonly previewRows = 0) {}

  /** The next bytes of the file (any split, even inside a UTF-8 sequence). */
  feed(bytes: Buffer): void {
    if (this.exotic) return;
    if (this.started && this.carry.length > 0) bytes = this.completeCarry(bytes);
    if (this.exotic) return;
    let data = this.carry.length > 0 ? Buffer.concat([this.carry, bytes]) : bytes;
    if (!this.started) {
      if (data.length < BOM.length && BOM.subarray(0, data.length).equals(data)) {
        this.carry = data; // maybe a BOM, maybe not yet
        return;
      }
      this.started = true;
      if (data.subarray(0, BOM.length).equals(BOM)) data = data.subarray(BOM.length);
    }
    this.carry = this.consume(data, false);
  }

  /**
   * Completes the record carried over from the last bytes with the start of `bytes`, joining it to them line by
   * line (a record ends only at a line end) rather than copying all of them; returns the bytes left after it.
   */
  private completeCarry(bytes: Buffer): Buffer {
    let from = 0;
    for (let end = bytes.indexOf(LF); end >= 0 && this.carry.length > 0; end = bytes.indexOf(LF, from)) {
      this.carry = this.consume(Buffer.concat([this.carry, bytes.subarray(from, end + 1)]), false);
      from = end + 1;
    }
    return bytes.subarray(from);
  }

  /** The profile once every byte was fed; null when the file needs csv-parse's reading (see above). */
  finish(): DatasetProfile | null {
    if (this.exotic) return null;
    const data = !this.started && this.carry.equals(BOM) ? NOTHING : this.carry;
    this.carry = this.consume(data, true);
    if (this.exotic) return null;
    const columns = this.header ?? [];
    return {
      rows: this.rows,
      columns: columns.map((name, i) => this.tallies[i].profile(name)),
      preview: { columns, rows: this.preview },
    };
  }

  /** Past the header and the preview, bytes with no quote take consumeUnquoted. */
  private unquotedFits(data: Buffer, from: number): boolean {
    return this.header !== null && this.preview.length >= this.previewRows && data.indexOf(QUOTE, from) < 0;
  }

  /** Takes every complete record of `data`; returns what is left (a record not complete yet). */
  private consume(data: Buffer, final: boolean): Buffer {
    if (this.unquotedFits(data, 0)) return this.consumeUnquoted(data, final);
    const n = data.length;
    const f = this.fields;
    let i = 0;
    let looked = this.header !== null && this.preview.length >= this.previewRows; // for the rest of these bytes, once
    records: while (i < n) {
      const start = i;
      let k = 0;
      for (; ; k++) {
        f.quoted[k] = null;
        if (i < n && data[i] === QUOTE) {
          let from = i + 1;
          let value = '';
          for (;;) {
            const q = data.indexOf(QUOTE, from);
            if (q < 0 || (q + 1 >= n && !final)) return this.incomplete(data, start, final);
            if (q + 1 < n && data[q + 1] === QUOTE) {
              value += data.toString('utf8', from, q + 1);
              from = q + 2;
              continue;
            }
            value += data.toString('utf8', from, q);
            i = q + 1;
            break;
          }
          f.quoted[k] = value;
        } else {
          // An unquoted field; on the way, whether it is a plain decimal (-12.5) short enough that Number() of it is finite.
          let j = i;
          let digits = 0;
          let others = 0;
          let dots = 0;
          let wide = 0;
          while (j < n) {
            const c = data[j];
            if (c >= 0x30 && c <= 0x39) digits++;
            else if (c === COMMA || c === LF || c === CR) break;
            else if (c === DOT) dots++;
            else if (c !== MINUS || j !== i) {
              others++;
              wide |= c & 0x80;
            }
            j++;
          }
          if (j >= n && !final) return this.incomplete(data, start, final);
          f.start[k] = i;
          f.end[k] = j;
          f.plain[k] = digits > 0 && dots <= 1 && others === 0 && j - i <= PLAIN_MAX;
          f.ascii[k] = wide === 0;
          i = j;
        }
        if (i >= n) break; // the file's last line, without a line end
        const c = data[i];
        if (c === COMMA) {
          i++;
          if (i >= n && !final) return this.incomplete(data, start, final);
          continue;
        }
        if (c === LF) {
          i++;
          break;
        }
        if (c === CR && i + 1 < n && data[i + 1] === LF) {
          i += 2;
          break;
        }
        if (c === CR && i + 1 >= n && !final) return this.incomplete(data, start, final);
        this.exotic = true; // a lone CR, or text after a closing quote: csv-parse's reading decides
        return NOTHING;
      }
      const width = k + 1;
      if (width === 1) {
        const only = this.value(data, 0);
        if (f.quoted[0] !== null || only.trim() === '') {
          if (f.quoted[0] !== null || only !== '') {
            this.exotic = true; // a quoted empty line or a line of blanks: left to csv-parse
            return NOTHING;
          }
          continue records; // an empty line: skipped
        }
      }
      this.take(data, width);
      if (!looked && this.header !== null && this.preview.length >= this.previewRows) {
        looked = true;
        if (this.unquotedFits(data, i)) return this.consumeUnquoted(data.subarray(i), final);
      }
    }
    return NOTHING;
  }

  /**
   * consume() of bytes with no quote, the header known and the preview full: read by WebAssembly
   * (unquoted-records.ts), which counts the values whose outcome a tally knows and hands the others to `takeValue`.
   */
  private consumeUnquoted(data: Buffer, final: boolean): Buffer {
    const n = final ? data.length : data.lastIndexOf(LF) + 1; // the complete records
    const rows = readUnquotedRecords(data, n, this.tallies, (tally, start, end, flags) => this.takeValue(data, tally, start, end, flags));
    if (rows < 0) return this.exoticBytes();
    this.rows += rows;
    return final ? NOTHING : data.subarray(n);
  }

  /** Counts a value the WebAssembly loop handed over (VALUE flags); false for a line of blanks (left to csv-parse). */
  private takeValue(data: Buffer, tally: ColumnTally, start: number, end: number, flags: number): boolean {
    if (flags & VALUE.absent) {
      tally.add('');
      return true;
    }
    if (flags & VALUE.single && data.toString('utf8', start, end).trim() === '') return false;
    if (flags & VALUE.eligible) {
      const plain = (flags & VALUE.plain) !== 0;
      if (tally.settles(end - start, plain)) tally.addSettled();
      else this.countUnquoted(tally, data, start, end, plain, true);
    } else this.countUnquoted(tally, data, start, end, false, (flags & VALUE.ascii) !== 0);
    return true;
  }

  private exoticBytes(): Buffer {
    this.exotic = true;
    return NOTHING;
  }

  /** Counts the unquoted value data[start, end) into `tally`, by its bytes while they settle it (see take). */
  private countUnquoted(tally: ColumnTally, data: Buffer, start: number, end: number, plain: boolean, ascii: boolean): void {
    if (!ascii) return tally.add(data.toString('utf8', start, end), plain);
    // In ASCII, a byte is a character: the length that tells a value from a missing marker.
    if (tally.settles(end - start, plain)) return tally.addSettled();
    const key = shortKeyAt(data, start, end);
    if (key >= 0 && plain) return tally.addDecimal(key);
    if (key >= 0 && tally.countSeen(key)) return;
    tally.add(data.toString('latin1', start, end), plain);
  }

  private incomplete(data: Buffer, start: number, final: boolean): Buffer {
    if (final) this.exotic = true; // an unclosed quote: the shape checks refuse such a file before this
    return final ? NOTHING : data.subarray(start);
  }

  private value(data: Buffer, k: number): string {
    const f = this.fields;
    return f.quoted[k] ?? data.toString(f.ascii[k] ? 'latin1' : 'utf8', f.start[k], f.end[k]); // ASCII reads alike in both
  }

  /** One complete record of `width` fields (positions in `data`): the header, or a row counted into the tallies. */
  private take(data: Buffer, width: number): void {
    if (!this.header) {
      this.header = Array.from({ length: width }, (_, k) => this.value(data, k));
      this.tallies = this.header.map(() => new ColumnTally());
      return;
    }
    this.rows++;
    const { tallies, fields: f } = this;
    const preview = this.preview.length < this.previewRows;
    for (let c = 0; c < tallies.length; c++) {
      const tally = tallies[c];
      if (c >= width) tally.add('');
      else if (preview || f.quoted[c] !== null) tally.add(this.value(data, c), f.quoted[c] === null && f.plain[c]);
      else this.countUnquoted(tally, data, f.start[c], f.end[c], f.plain[c], f.ascii[c]);
    }
    if (preview) this.preview.push(this.header.map((_, c) => (c >= width || isMissing(this.value(data, c)) ? null : this.value(data, c))));
  }
}
