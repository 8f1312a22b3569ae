/**
 * The records the byte reader leaves to csv-parse (quoted fields, a wrong number of fields, stray line
 * breaks, anything irregular) go through one long-lived csv-parse instance that saw the header first, so
 * it checks field counts against the header and reports errors on the file's own line numbers: before
 * each run of irregular records it is fed one blank line per line the byte reader consumed since (blank
 * lines are skipped by `skip_empty_lines` but counted). A run ends with csv-parse's end-of-input step,
 * which emits the record it holds back (it waits for bytes after a record until it sees the input's end).
 *
 * This drives csv-parse's synchronous core (`parser.api`, what its stream Parser calls) and clears the
 * tail it keeps after an end-of-input step so it can go on: internals of the pinned csv-parse, checked
 * when a lane is made and by the specs that hold this reader to csv-parse alone.
 */
import { Parser } from 'csv-parse';
import { CSV_PARSE_OPTIONS } from './csv-rules';

interface CsvParseApi {
  parse(buf: Buffer | undefined, end: boolean, push: (record: string[]) => void, close: () => void): Error | undefined;
  info: { lines: number };
  state: { previousBuf: Buffer | undefined };
}

const BLANK_LINES = 4096;
const ignore = () => undefined;

export class CsvParseLane {
  private readonly api: CsvParseApi;
  private readonly blanks: Buffer;
  private readonly push: (record: string[]) => void;
  /** The line csv-parse counts the next byte it is fed on. */
  private nextLine: number;
  /** Blank lines still to feed before the open run's first bytes. */
  private catchUp = 0;
  private headerSeen = false;
  open = false;

  /**
   * @param header the file's bytes up to and including the header's line break (after a UTF-8 BOM)
   * @param delimiter the record delimiter the header ends with (\n, \r\n or \r)
   * @param firstDataLine the line the first data record is on
   */
  constructor(header: Uint8Array, delimiter: Buffer, firstDataLine: number, onRecord: (record: string[]) => void) {
    const api = (new Parser(CSV_PARSE_OPTIONS) as unknown as { api?: CsvParseApi }).api;
    if (typeof api?.parse !== 'function' || typeof api.info?.lines !== 'number' || !api.state || !('previousBuf' in api.state)) {
      throw new Error('csv-parse: the Parser internals this reader drives (api.parse, api.info, api.state.previousBuf) changed');
    }
    this.api = api;
    this.blanks = Buffer.alloc(BLANK_LINES * delimiter.length);
    for (let i = 0; i < BLANK_LINES; i++) delimiter.copy(this.blanks, i * delimiter.length);
    this.nextLine = firstDataLine;
    this.push = (record) => {
      if (this.headerSeen) onRecord(record);
      else this.headerSeen = true;
    };
    this.feed(Buffer.from(header.buffer, header.byteOffset, header.length), false);
  }

  /** Starts a run of irregular records whose first one is on `line`. */
  start(line: number): void {
    this.catchUp = line - this.nextLine;
    if (this.catchUp < 0) throw new Error(`csv reader: csv-parse is ahead of the file (line ${line} < ${this.nextLine})`);
    this.open = true;
  }

  /** Feeds bytes of the open run (whole records and blank lines, in file order). */
  add(bytes: Uint8Array): void {
    this.feed(this.withCatchUp(bytes), false);
  }

  /** Ends the run (before a regular record or at the file's end) with its last bytes; answers the line after it. */
  close(bytes?: Uint8Array): number {
    this.open = false;
    this.feed(bytes ? this.withCatchUp(bytes) : undefined, true);
    this.api.state.previousBuf = undefined; // already read: the end-of-input step leaves it in place
    this.nextLine = this.api.info.lines;
    return this.nextLine;
  }

  /** The blank lines still owed before the run, then its bytes. */
  private withCatchUp(bytes: Uint8Array): Buffer {
    while (this.catchUp > BLANK_LINES) {
      this.feed(this.blanks, false);
      this.catchUp -= BLANK_LINES;
    }
    const lead = this.blanks.subarray(0, (this.catchUp * this.blanks.length) / BLANK_LINES);
    this.catchUp = 0;
    const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    return lead.length ? Buffer.concat([lead, view]) : view;
  }

  private feed(bytes: Buffer | undefined, end: boolean): void {
    const error = this.api.parse(bytes, end, this.push, ignore);
    if (error) throw error;
  }
}
