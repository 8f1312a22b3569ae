/** Small HTTP helpers for the inference e2e tests and bench. */
export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = Record<string, unknown>>(
  url: string,
  init: { method?: string; json?: unknown; body?: string | FormData | Blob; contentType?: string; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...init.headers };
  let body = init.body;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  } else if (init.contentType) headers['content-type'] = init.contentType;
  const res = await fetch(url, {
    method: init.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
    signal: AbortSignal.timeout(60_000),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

export type RowPrediction = { label: string; probabilities: Record<string, number> } | { value: number };

export interface PredictAnswer {
  modelId: string;
  requested: string;
  version: string;
  problemType: string;
  classes?: string[];
  predictions: RowPrediction[];
}

/** Rows of a CSV text with a header, as strings (what a CSV gives). */
export function csvRecords(csv: string): Record<string, string>[] {
  const [header, ...lines] = csv.trim().split('\n');
  const columns = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [columns[i], v])));
}

/** The same rows with numeric strings as numbers (what a JSON client sends). */
export function typedRecords(records: Record<string, string>[]): Record<string, string | number>[] {
  return records.map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v !== '' && Number.isFinite(Number(v)) ? Number(v) : v])),
  );
}

export function toCsv(rows: Record<string, unknown>[], columns = Object.keys(rows[0] ?? {})): string {
  return `${[columns.join(','), ...rows.map((r) => columns.map((c) => String(r[c] ?? '')).join(','))].join('\n')}\n`;
}
