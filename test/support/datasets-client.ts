/** Helpers of the dataset and sweep e2e specs: a real CSV with bytes of this run only, and JSON calls. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiAnswer } from './ingest-client';

/**
 * The penguins rows (a real public dataset, 344 rows) in an order of this run: the same data, but bytes no
 * other run or spec uploads — datasets are unique per sha256, and a spec must not share one with another.
 */
export function penguinsCsv(run: string): Buffer {
  const [header, ...rows] = readFileSync(join(__dirname, '../../examples/python/data/penguins.csv'), 'utf8').trim().split('\n');
  const seed = parseInt(run, 16) >>> 0;
  const keyed = rows.map((row, i) => ({ row, key: (Math.imul(i + 1, 2654435761) ^ seed) >>> 0 }));
  return Buffer.from([header, ...keyed.sort((a, b) => a.key - b.key).map((r) => r.row)].join('\n') + '\n');
}

/** A JSON request; the answer's body parsed. */
export async function sendJson<T>(method: string, url: string, body?: unknown): Promise<ApiAnswer<T>> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  return { status: res.status, body: (await res.json()) as T, headers: res.headers };
}
