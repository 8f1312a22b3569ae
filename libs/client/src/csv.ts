/** A small RFC 4180 CSV reader and writer for the CLI's `predict` (rows in, predictions out). */

/** Parses CSV text into rows of cells: quoted fields, doubled quotes, CRLF/LF; a trailing newline adds no row. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let rowStarted = false;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += c;
      continue;
    }
    if (c === '"') {
      quoted = true;
      rowStarted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
      rowStarted = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      if (rowStarted || row.length > 1 || cell !== '') rows.push(row);
      row = [];
      cell = '';
      rowStarted = false;
    } else {
      cell += c;
      rowStarted = true;
    }
  }
  if (quoted) throw new Error('the CSV ends inside a quoted field');
  if (rowStarted || cell !== '') {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** CSV text with a header row into records (column → cell); an empty cell becomes null. */
export function csvRecords(text: string): Record<string, string | null>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  return rows.map((cells, n) => {
    if (cells.length !== header.length) throw new Error(`row ${n + 2} has ${cells.length} cells, the header ${header.length}`);
    return Object.fromEntries(header.map((name, i) => [name, cells[i] === '' ? null : cells[i]]));
  });
}

const quote = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((r) => r.map(quote).join(',')).join('\n') + '\n';
}
