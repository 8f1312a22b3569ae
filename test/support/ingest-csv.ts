/** Test data for the ingest tests: small CSV factories with a known target. */
import { randomUUID } from 'node:crypto';

export interface CsvOptions {
  rows: number;
  /** 'label' → a/b/c classes; 'float' → a continuous value. */
  target?: 'label' | 'float';
  seed?: number;
}

/** A CSV with numeric features x1..x3, a categorical feature and a target column `y`. */
export function makeCsv({ rows, target = 'label', seed = 1 }: CsvOptions): Buffer {
  let state = seed;
  const rand = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const lines = ['x1,x2,x3,colour,y'];
  for (let i = 0; i < rows; i++) {
    const x1 = rand() * 10;
    const x2 = rand() * 5;
    const x3 = Math.round(rand() * 100);
    const colour = ['red', 'green', 'blue'][i % 3];
    const y = target === 'label' ? ['a', 'b', 'c'][x1 > 6 ? 2 : x1 > 3 ? 1 : 0] : (2 * x1 - x2 + rand()).toFixed(4);
    lines.push(`${x1.toFixed(4)},${x2.toFixed(4)},${x3},${colour},${y}`);
  }
  return Buffer.from(lines.join('\n') + '\n');
}

/** A CSV of about `bytes` bytes (for size limits and the benchmark). */
export function makeCsvOfSize(bytes: number, target: 'label' | 'float' = 'float'): Buffer {
  const sample = makeCsv({ rows: 100, target });
  const perRow = sample.length / 101;
  const csv = makeCsv({ rows: Math.ceil(bytes / perRow), target });
  return csv;
}

/** A unique CSV file name per test, so runs do not collide. */
export const uniqueFilename = (stem: string) => `${stem}-${randomUUID().slice(0, 8)}.csv`;
