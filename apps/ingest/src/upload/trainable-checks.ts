/**
 * The trainer's own dataset checks, run while the file arrives so an upload that cannot train is refused (400) at
 * the chunk that shows it, not failed minutes later in the trainer: UTF-8 text, chunk by chunk across their borders
 * (a character split between two chunks is fine); a target and at least one other column; at least
 * MIN_TRAINING_ROWS data rows; two classes for a classifier when the first rows are the whole file. None of them
 * reads the file again: each works on the chunk in hand or on what earlier chunks left in the upload's state.
 */
import { isUtf8 } from 'node:buffer';
import { InvalidInputError, MIN_TRAINING_ROWS } from '@modelstream/contracts';

/** Length of the UTF-8 sequence a lead byte starts (0: not a lead byte). */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** The bytes at the end of `bytes` that start a character the next chunk must finish (at most 3). */
function unfinishedTail(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: the lead is further back
    const need = sequenceLength(b);
    return need > back ? back : 0;
  }
  return 0;
}

/**
 * Checks that `carry` (hex: the unfinished character the previous chunk ended with) and this chunk are UTF-8;
 * resolves the carry for the next chunk. The last chunk may leave nothing unfinished.
 */
export function checkUtf8(carry: string, bytes: Buffer, chunkIndex: number, isLast: boolean): string {
  const joined = carry ? Buffer.concat([Buffer.from(carry, 'hex'), bytes]) : bytes;
  const tail = isLast ? 0 : unfinishedTail(joined);
  if (!isUtf8(joined.subarray(0, joined.length - tail))) {
    throw new InvalidInputError(
      `Chunk ${chunkIndex} is not UTF-8 text (the file may be saved as Latin-1 or Windows-1252). Save the CSV as UTF-8 and upload it again.`,
    );
  }
  return joined.subarray(joined.length - tail).toString('hex');
}

/** A training needs a target column and at least one column to learn from. */
export function checkTrainableColumns(columns: string[]): void {
  if (columns.length < 2) {
    throw new InvalidInputError(
      `The file has a single column ("${columns[0]}"): a training needs the target and at least one other column to learn from. Upload a CSV with feature columns.`,
    );
  }
}

/** The trainer splits the rows into training and validation: it needs at least MIN_TRAINING_ROWS. */
export function checkTrainableRows(rows: number): void {
  if (rows < MIN_TRAINING_ROWS) {
    throw new InvalidInputError(
      `The file has ${rows} data row${rows === 1 ? '' : 's'}; a training needs at least ${MIN_TRAINING_ROWS} to split into training and validation. Upload more rows.`,
      { rows, minimum: MIN_TRAINING_ROWS },
    );
  }
}

/** A classifier needs two classes: refused when `values` (the target column of every row) hold one. */
export function checkTwoClasses(target: string, values: readonly (string | undefined)[]): void {
  const classes = new Set(values.map((v) => v?.trim()).filter((v) => v !== undefined && v !== ''));
  if (classes.size === 1) {
    throw new InvalidInputError(
      `The target column "${target}" has a single class ("${[...classes][0]}"); a classifier needs at least two. Check the target, add rows of other classes, or choose a regression model type.`,
    );
  }
}
