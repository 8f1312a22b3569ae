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

export class CsvProfiler {
  private readonly decoder = new StringDecoder('utf8');
  private carry = '';
  private started = false;
  private header: string[] | null = null;
  private tallies: ColumnTally[] = [];
  private readonly preview: (string | null)[][] = [];
  private rows = 0;
  private exotic = false;
  private readonly record: string[] = [];

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
    const record = this.record;
    let i = 0;
    records: while (i < n) {
      const start = i;
      record.length = 0;
      let quotedOnly = false;
      for (;;) {
        let value: string;
        if (i < n && text.charCodeAt(i) === QUOTE) {
          let from = i + 1;
          value = '';
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
          quotedOnly = record.length === 0;
        } else {
          let j = i;
          while (j < n) {
            const c = text.charCodeAt(j);
            if (c === COMMA || c === LF || c === CR) break;
            j++;
          }
          if (j >= n && !final) return this.incomplete(text, start, final);
          value = text.slice(i, j);
          i = j;
          quotedOnly = false;
        }
        record.push(value);
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
      if (record.length === 1 && (quotedOnly || record[0].trim() === '')) {
        if (quotedOnly || record[0] !== '') {
          this.exotic = true; // a quoted empty line or a line of blanks: left to csv-parse
          return '';
        }
        continue records; // an empty line: skipped
      }
      this.take(record);
    }
    return '';
  }

  private incomplete(text: string, start: number, final: boolean): string {
    if (final) this.exotic = true; // an unclosed quote: the shape checks refuse such a file before this
    return final ? '' : text.slice(start);
  }

  private take(record: string[]): void {
    if (!this.header) {
      this.header = [...record];
      this.tallies = record.map(() => new ColumnTally());
      return;
    }
    this.rows++;
    const tallies = this.tallies;
    for (let c = 0; c < tallies.length; c++) tallies[c].add(record[c] ?? '');
    if (this.preview.length < this.previewRows) {
      const header = this.header;
      this.preview.push(header.map((_, c) => (isMissing(record[c] ?? '') ? null : record[c])));
    }
  }
}
