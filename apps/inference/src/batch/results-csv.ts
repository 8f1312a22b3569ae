/** Writes the batch results CSV: the input columns, then `prediction`, then one `probability_<class>` per class. */
import type { InputRow, Prediction } from '@modelstream/ml';

export function resultsHeader(inputColumns: string[], classes: string[] | undefined): string[] {
  return [...inputColumns, 'prediction', ...(classes ?? []).map((c) => `probability_${c}`)];
}

export function resultsLines(inputColumns: string[], rows: InputRow[], prediction: Prediction): string[] {
  return rows.map((row, i) => {
    const cells = inputColumns.map((c) => row[c]);
    if (prediction.problemType === 'regression') cells.push(prediction.values[i]);
    else cells.push(prediction.labels[i], ...prediction.classes.map((c) => prediction.probabilities[i][c]));
    return csvLine(cells);
  });
}

export function csvLine(cells: unknown[]): string {
  return cells.map(csvCell).join(',');
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}
