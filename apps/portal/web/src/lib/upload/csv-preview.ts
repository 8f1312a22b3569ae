/**
 * What the Train page shows of a CSV before it is sent: the header, the first rows and each column's type and
 * missing count, from the first bytes of the file only (a 25 MB file is never read whole in the browser). The
 * type rules are the server's (ColumnProfileView): a cell that is empty, NA, N/A, null, none or ? is missing; a
 * column is numeric when every present value is a number, empty when none is present, else categorical.
 */
import Papa from 'papaparse';

/** How much of a file the preview reads. */
export const PREVIEW_BYTES = 64 * 1024;
/** Rows the preview shows. */
export const PREVIEW_ROWS = 20;

export type ColumnType = 'numeric' | 'categorical' | 'empty';

export interface PreviewColumn {
  name: string;
  type: ColumnType;
  /** Missing cells among the rows read. */
  missing: number;
  /** Distinct present values among the rows read. */
  distinct: number;
}

export interface CsvPreview {
  header: string[];
  /** The first rows (at most `maxRows`), cells as written. */
  rows: string[][];
  columns: PreviewColumn[];
  /** Data rows the types and missing counts were counted over (all complete rows in the bytes read). */
  rowsRead: number;
  delimiter: string;
  /** Problems a person should know of (ragged rows, no data rows). */
  warnings: string[];
}

const MISSING = new Set(['', 'na', 'n/a', 'null', 'none', '?']);

export function isMissing(cell: string | undefined): boolean {
  return cell === undefined || MISSING.has(cell.trim().toLowerCase());
}

/** Whether a present cell reads as a number, as the trainer reads it (decimal only: "0x1f" is text). */
export function isNumeric(cell: string): boolean {
  const t = cell.trim();
  return t !== '' && !/^[+-]?0[xob]/i.test(t) && Number.isFinite(Number(t));
}

/** The detected type of one column's cells. */
export function columnType(cells: readonly (string | undefined)[]): ColumnType {
  let present = 0;
  for (const cell of cells) {
    if (isMissing(cell)) continue;
    present++;
    if (!isNumeric(cell!)) return 'categorical';
  }
  return present === 0 ? 'empty' : 'numeric';
}

/**
 * Parses the start of a CSV. `truncated` says the text stops before the end of the file: its last line may be cut
 * in the middle and is dropped. Throws an Error saying what to fix when there is no header.
 */
export function previewCsv(text: string, options: { truncated?: boolean; maxRows?: number } = {}): CsvPreview {
  const maxRows = options.maxRows ?? PREVIEW_ROWS;
  let body = text.replace(/^\uFEFF/, '');
  if (options.truncated) {
    const lastBreak = body.lastIndexOf('\n');
    if (lastBreak >= 0) body = body.slice(0, lastBreak + 1);
  }
  const parsed = Papa.parse<string[]>(body, { skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t', '|'] });
  const [header, ...data] = parsed.data;
  if (!header || header.every((h) => h.trim() === '')) {
    throw new Error('The file has no header row: the first line must name the columns (e.g. "age,income,label").');
  }
  const names = header.map((h, i) => h.trim() || `column ${i + 1}`);
  const warnings: string[] = [];
  const ragged = data.filter((row) => row.length !== names.length).length;
  if (ragged > 0) warnings.push(`${ragged} of the first ${data.length} rows do not have ${names.length} cells like the header.`);
  if (data.length === 0) warnings.push('The file has a header but no data rows to train on.');
  const columns = names.map((name, i) => {
    const cells = data.map((row) => row[i]);
    const present = cells.filter((c) => !isMissing(c)).map((c) => c!.trim());
    return { name, type: columnType(cells), missing: cells.length - present.length, distinct: new Set(present).size };
  });
  return { header: names, rows: data.slice(0, maxRows), columns, rowsRead: data.length, delimiter: parsed.meta.delimiter, warnings };
}

/** The default target: the last column (what the API takes when none is named). */
export function defaultTarget(preview: Pick<CsvPreview, 'header'>): string | undefined {
  return preview.header[preview.header.length - 1];
}

/** The problem a target column suggests, by the API's own default rule (numeric with fractions or > 20 values). */
export function suggestedProblem(
  column: PreviewColumn | undefined,
  cells: readonly (string | undefined)[],
): 'classification' | 'regression' {
  if (!column || column.type !== 'numeric') return 'classification';
  const present = cells.filter((c) => !isMissing(c)).map((c) => Number(c!.trim()));
  const fractional = present.some((v) => !Number.isInteger(v));
  return fractional || new Set(present).size > 20 ? 'regression' : 'classification';
}
