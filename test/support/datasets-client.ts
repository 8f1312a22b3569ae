/** Helpers of the dataset and sweep e2e specs: a real CSV with bytes of this run only, and JSON calls. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiAnswer } from './ingest-client';
import { seededRng } from './job-lives';

/**
 * The penguins rows (a real public dataset, 344 rows) in an order of this run: the same data, but bytes no
 * other run or spec uploads — datasets are unique per sha256, and a spec must not share one with another.
 */
export function penguinsCsv(run: string): Buffer {
  const [header, ...rows] = readFileSync(join(__dirname, '../../examples/python/data/penguins.csv'), 'utf8').trim().split('\n');
  // a Fisher-Yates shuffle driven by the run: 344! orders (sorting by a key XORed with the seed gave many runs the same one)
  const rng = seededRng(parseInt(run, 16) >>> 0);
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
  return Buffer.from([header, ...rows].join('\n') + '\n');
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
