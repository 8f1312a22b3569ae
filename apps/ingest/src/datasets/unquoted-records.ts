/**
 * The records of bytes with no quote, read by csv-profile.wat: the values whose outcome a column's tally already
 * knows (a capped column's long values, the short values it saw) are counted there, the others handed to the tally
 * here in order. Used by CsvProfiler.consumeUnquoted once the header and the preview are read.
 */
import { ByteWasm, WasmGlobal } from '../wasm/byte-wasm';
import { WASM_BASE64 } from './csv-profile.wasm';
import type { ColumnTally } from './dataset-profile';

interface ProfileExports {
  rows: WasmGlobal;
  written: WasmGlobal;
  resume: WasmGlobal;
  profile(from: number, n: number, cols: number, columns: number, out: number, capacity: number): number;
}

const wasm = new ByteWasm<ProfileExports>(WASM_BASE64);

/** A column's record in the module's memory (csv-profile.wat): its size, and where its keys start, in bytes. */
const COLUMN_BYTES = 192;
const PRESENT_KEYS_AT = 24;
const PRESENT_KEYS = 16;
const MISSING_KEYS_AT = 152;
const MISSING_KEYS = 4;
/** Values written out per call at most (more when a record has more columns). */
const CAPACITY = 65536;
const READ_ALL = 0;
const LONE_CR = 2;

/** The flags of a value handed to the tally. */
export const VALUE = { plain: 1, eligible: 2, absent: 4, single: 8, ascii: 16 } as const;

/**
 * A value for `tally`: the bytes [start, end) of the data, with its VALUE flags. Answers false to stop reading (the
 * profile is left to csv-parse).
 */
export type TakeValue = (tally: ColumnTally, start: number, end: number, flags: number) => boolean;

/** Reads the records of data[0, n) into `tallies`; answers how many, or -1 when the profile is left to csv-parse. */
export function readUnquotedRecords(data: Buffer, n: number, tallies: readonly ColumnTally[], take: TakeValue): number {
  const columns = tallies.length;
  const cols = (n + 15) & ~15;
  const out = cols + columns * COLUMN_BYTES;
  const capacity = Math.max(CAPACITY, columns + 1);
  const { exports, memory } = wasm.load(data, n, out + capacity * 16);
  const ints = new Int32Array(memory.buffer, memory.byteOffset, memory.byteLength >> 2);
  const keys = new Float64Array(memory.buffer, memory.byteOffset, memory.byteLength >> 3);
  let rows = 0;
  for (let from = 0; ;) {
    for (let c = 0; c < columns; c++) {
      const tally = tallies[c];
      const at = cols + c * COLUMN_BYTES;
      ints[at >> 2] = tally.capped ? (tally.numeric ? 1 : 2) : 0;
      ints[(at >> 2) + 1] = 0;
      ints[(at >> 2) + 2] = 0;
      ints[(at >> 2) + 3] = tally.knownKeys(false, keys, (at + PRESENT_KEYS_AT) >> 3, PRESENT_KEYS);
      ints[(at >> 2) + 4] = tally.knownKeys(true, keys, (at + MISSING_KEYS_AT) >> 3, MISSING_KEYS);
    }
    const read = exports.profile(from, n, cols, columns, out, capacity);
    for (let c = 0; c < columns; c++) {
      const at = (cols + c * COLUMN_BYTES) >> 2;
      tallies[c].addCounted(ints[at + 1], ints[at + 2]);
    }
    rows += exports.rows.value;
    const written = exports.written.value; // (a global's value is read through the engine's API: once)
    for (let v = 0, at = out >> 2; v < written; v++, at += 4) {
      if (!take(tallies[ints[at]], ints[at + 1], ints[at + 2], ints[at + 3])) return -1;
    }
    if (read === LONE_CR) return -1;
    if (read === READ_ALL) return rows;
    from = exports.resume.value;
  }
}
