/**
 * Reads a CSV (possibly split into several chunk streams) into a column-wise table: numbers stay numbers
 * (one double per cell, in a Float64Array), text is dictionary-encoded (one Int32 code per cell, each
 * distinct string once), so memory follows the data's size, not the number of JS strings. The bytes are
 * read in one streaming pass (csv/csv-byte-reader.ts); rejects non-UTF-8 bytes and rows with the wrong
 * number of fields with messages a user can act on.
 */
import { ColumnBuffer } from './csv/column-buffer';
import { CsvByteReader } from './csv/csv-byte-reader';
import { emptyFileError, noRowsError, translateCsvError } from './csv/csv-rules';
import { Utf8Guard } from './csv/utf8-guard';

export { ColumnBuffer };

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

/** Concatenates several byte streams (the upload's chunks, in order) into one. */
export async function* concatStreams(streams: AsyncIterable<AsyncIterable<Uint8Array>> | Iterable<AsyncIterable<Uint8Array>>) {
  for await (const stream of streams) for await (const chunk of stream) yield chunk as Uint8Array;
}

export interface ReadCsvOptions {
  /** Called every few thousand rows, e.g. to heartbeat or check for a cancel. */
  onRows?: (rows: number) => Promise<void> | void;
}

const REPORT_EVERY = 5000;

/** Reads a CSV's bytes into a column-wise table. The first row names the columns. */
export async function readCsvTable(source: AsyncIterable<Uint8Array>, options: ReadCsvOptions = {}): Promise<CsvTable> {
  const guard = new Utf8Guard();
  const reader = new CsvByteReader();
  if (options.onRows) reader.reportAt = REPORT_EVERY;
  // The bytes of a record cut by a chunk's end, and the chunks after it while they are fewer bytes than
  // it (so a long record is rescanned a logarithmic number of times, not once per chunk).
  let carry = null as Uint8Array | null;
  let waiting: Uint8Array[] = [];
  let waitingBytes = 0;
  const scan = async (bytes: Uint8Array, final: boolean): Promise<void> => {
    let pos = 0;
    for (;;) {
      pos = reader.scan(bytes, pos, final);
      if (!reader.paused) break;
      reader.paused = false;
      await options.onRows!(reader.rows);
      reader.reportAt = (Math.floor(reader.rows / REPORT_EVERY) + 1) * REPORT_EVERY;
    }
    carry = pos < bytes.length ? bytes.slice(pos) : null;
  };
  try {
    for await (let chunk of source) {
      guard.check(chunk);
      if (chunk.length === 0) continue;
      if (!carry) {
        await scan(chunk, false);
        continue;
      }
      if (reader.columns && waiting.length === 0) {
        // Usually the cut record ends at the chunk's first line break: join only that much.
        const lineEnd = chunk.indexOf(reader.lineEnd) + 1;
        if (lineEnd > 0 && lineEnd < chunk.length) {
          const head = Buffer.concat([carry, chunk.subarray(0, lineEnd)]);
          await scan(head, false);
          if (!carry) {
            await scan(chunk.subarray(lineEnd), false);
            continue;
          }
          chunk = chunk.subarray(lineEnd); // the record goes on: wait for more bytes as below
        }
      }
      waiting.push(chunk);
      waitingBytes += chunk.length;
      if (waitingBytes < carry.length) continue;
      const joined = Buffer.concat([carry, ...waiting]);
      waiting = [];
      waitingBytes = 0;
      await scan(joined, false);
    }
    guard.end();
    await scan(carry || waiting.length ? Buffer.concat([carry ?? new Uint8Array(0), ...waiting]) : new Uint8Array(0), true);
    reader.end();
  } catch (error) {
    throw translateCsvError(error, reader.columns);
  }
  if (!reader.columns) throw emptyFileError();
  if (reader.rows === 0) throw noRowsError();
  return { columns: reader.columns, rows: reader.rows, buffers: reader.buffers, bytes: guard.bytes };
}
