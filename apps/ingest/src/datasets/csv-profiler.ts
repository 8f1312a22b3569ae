/**
 * The dataset profile of profileCsv (dataset-profile.ts), built chunk by chunk as an upload's chunks are
 * accepted, so the last chunk does not re-read and re-parse the whole file. It reads what the upload's shape
 * checks let through (quoted fields with "" escapes and line breaks, LF or CRLF line ends, a leading BOM, empty
 * lines skipped, every row as wide as the header) in one pass over each chunk's text. Anything outside that —
 * a lone CR, a line of blanks, a quoted empty line — makes `finish()` answer null, and the caller profiles the
 * stored file with csv-parse instead: same answer, the slow way.
 */
import { StringDecoder } from 'node:string_decoder';
import { ColumnTally, DatasetProfile, isMissing } from './dataset-profile';

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const DOT = 0x2e;
const MINUS = 0x2d;

export class CsvProfiler {
  private readonly decoder = new StringDecoder('utf8');
  private carry = '';
  private started = false;
  private header: string[] | null = null;
  private tallies: ColumnTally[] = [];
  private readonly preview: (string | null)[][] = [];
  private rows = 0;
  private exotic = false;
  /** The current record's fields: an unquoted one by its place in the text, a quoted one by its value. */
  private readonly fields = { start: [] as number[], end: [] as number[], plain: [] as boolean[], quoted: [] as (string | null)[] };

  constructor(private readonly previewRows = 0) {}

  /** The next bytes of the file (any split, even inside a UTF-8 sequence). */
  feed(bytes: Buffer): void {
    if (this.exotic) return;
    let text = this.carry + this.decoder.write(bytes);
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.carry = this.consume(text, false);
  }

  /** The profile once every byte was fed; null when the file needs csv-parse's reading (see above). */
  finish(): DatasetProfile | null {
    if (this.exotic) return null;
    let text = this.carry + this.decoder.end();
    if (!this.started && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    this.carry = this.consume(text, true);
    if (this.exotic) return null;
    const columns = this.header ?? [];
    return {
      rows: this.rows,
      columns: columns.map((name, i) => this.tallies[i].profile(name)),
      preview: { columns, rows: this.preview },
    };
  }

  /** Takes every complete record of `text`; returns what is left (a record not complete yet). */
  private consume(text: string, final: boolean): string {
    const n = text.length;
    const f = this.fields;
    let i = 0;
    records: while (i < n) {
      const start = i;
      let k = 0;
      for (; ; k++) {
        f.quoted[k] = null;
        if (i < n && text.charCodeAt(i) === QUOTE) {
          let from = i + 1;
          let value = '';
          for (;;) {
            const q = text.indexOf('"', from);
            if (q < 0 || (q + 1 >= n && !final)) return this.incomplete(text, start, final);
            if (q + 1 < n && text.charCodeAt(q + 1) === QUOTE) {
              value += text.slice(from, q + 1);
              from = q + 2;
              continue;
            }
            value += text.slice(from, q);
            i = q + 1;
            break;
          }
          f.quoted[k] = value;
        } else {
          // An unquoted field; on the way, whether it is a plain decimal (-12.5): Number() of it is finite.
          let j = i;
          let digits = 0;
          let others = 0;
          let dots = 0;
          while (j < n) {
            const c = text.charCodeAt(j);
            if (c >= 0x30 && c <= 0x39) digits++;
            else if (c === COMMA || c === LF || c === CR) break;
            else if (c === DOT) dots++;
            else if (c !== MINUS || j !== i) others++;
            j++;
          }
          if (j >= n && !final) return this.incomplete(text, start, final);
          f.start[k] = i;
          f.end[k] = j;
          f.plain[k] = digits > 0 && dots <= 1 && others === 0;
          i = j;
        }
        if (i >= n) break; // the file's last line, without a line end
        const c = text.charCodeAt(i);
        if (c === COMMA) {
          i++;
          if (i >= n && !final) return this.incomplete(text, start, final);
          continue;
        }
        if (c === LF) {
          i++;
          break;
        }
        if (c === CR && i + 1 < n && text.charCodeAt(i + 1) === LF) {
          i += 2;
          break;
        }
        if (c === CR && i + 1 >= n && !final) return this.incomplete(text, start, final);
        this.exotic = true; // a lone CR, or text after a closing quote: csv-parse's reading decides
        return '';
      }
      const width = k + 1;
      if (width === 1) {
        const only = f.quoted[0] ?? text.slice(f.start[0], f.end[0]);
        if (f.quoted[0] !== null || only.trim() === '') {
          if (f.quoted[0] !== null || only !== '') {
            this.exotic = true; // a quoted empty line or a line of blanks: left to csv-parse
            return '';
          }
          continue records; // an empty line: skipped
        }
      }
      this.take(text, width);
    }
    return '';
  }

  private incomplete(text: string, start: number, final: boolean): string {
    if (final) this.exotic = true; // an unclosed quote: the shape checks refuse such a file before this
    return final ? '' : text.slice(start);
  }

  private value(text: string, k: number): string {
    return this.fields.quoted[k] ?? text.slice(this.fields.start[k], this.fields.end[k]);
  }

  /** One complete record of `width` fields (positions in `text`): the header, or a row counted into the tallies. */
  private take(text: string, width: number): void {
    if (!this.header) {
      this.header = Array.from({ length: width }, (_, k) => this.value(text, k));
      this.tallies = this.header.map(() => new ColumnTally());
      return;
    }
    this.rows++;
    const { tallies, fields: f } = this;
    const preview = this.preview.length < this.previewRows;
    for (let c = 0; c < tallies.length; c++) {
      const tally = tallies[c];
      if (c >= width) tally.add('');
      else if (!preview && f.quoted[c] === null && tally.settles(f.end[c] - f.start[c], f.plain[c])) tally.addSettled();
      else tally.add(this.value(text, c), f.quoted[c] === null && f.plain[c]);
    }
    if (preview) this.preview.push(this.header.map((_, c) => (c >= width || isMissing(this.value(text, c)) ? null : this.value(text, c))));
  }
}
