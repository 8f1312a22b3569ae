/**
 * The ingest bench's client: a CSV of a given size, one upload of it in chunks (multipart, as the portal and
 * the SDK send it), and what each chunk's answer took: the whole round trip and the server's stages from its
 * Server-Timing header.
 */
export const MiB = 1024 * 1024;

/** A numeric CSV of at most `bytes` bytes, cut at a line end. */
export function makeCsv(bytes: number): Buffer {
  const lines: string[] = ['f1,f2,f3,f4,f5,f6,category,target'];
  let size = lines[0].length + 1;
  // mulberry32: (the LCG this bench used before lost precision in doubles and repeated its first 5,734 rows)
  let seed = 7;
  const rand = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  for (;;) {
    const f = Array.from({ length: 6 }, () => (rand() * 100).toFixed(5));
    const line = `${f.join(',')},${['red', 'green', 'blue'][Math.floor(rand() * 3)]},${(Number(f[0]) * 0.3 - Number(f[1]) + rand()).toFixed(5)}`;
    if (size + line.length + 1 > bytes) break;
    lines.push(line);
    size += line.length + 1;
  }
  return Buffer.from(lines.join('\n') + '\n');
}

/** `base` with its first data row replaced by one unique to `n`: every upload is a new file (no dataset reuse). */
export function variant(base: Buffer, n: number): Buffer {
  const headerEnd = base.indexOf(10) + 1;
  const rowEnd = base.indexOf(10, headerEnd) + 1;
  const row = Buffer.from(`${n},${Date.now() % 1e6},0,0,0,0,red,${n % 97}.5\n`);
  return Buffer.concat([base.subarray(0, headerEnd), row, base.subarray(rowEnd)]);
}

export interface ChunkTiming {
  ms: number;
  last: boolean;
  stages: Map<string, number>;
}

export interface UploadResult {
  trackingId: string;
  seconds: number;
  bytes: number;
  chunks: ChunkTiming[];
}

/** The stages of a `Server-Timing` header, in milliseconds. */
export function parseServerTiming(header: string | null): Map<string, number> {
  const stages = new Map<string, number>();
  for (const entry of (header ?? '').split(',')) {
    const [name, ...params] = entry.trim().split(';');
    const dur = params.map((p) => p.trim()).find((p) => p.startsWith('dur='));
    if (name && dur) stages.set(name, Number(dur.slice(4)));
  }
  return stages;
}

/** Uploads `file` in `chunkBytes` chunks to `url`'s POST /api/model-train/start, one chunk after the other. */
export async function upload(url: string, file: Buffer, chunkBytes: number, name: string): Promise<UploadResult> {
  const parts: Buffer[] = [];
  for (let at = 0; at < file.length; at += chunkBytes) parts.push(file.subarray(at, at + chunkBytes));
  const chunks: ChunkTiming[] = [];
  let trackingId: string | undefined;
  const started = performance.now();
  for (const [index, chunk] of parts.entries()) {
    const form = new FormData();
    form.append('filename', `${name}.csv`);
    form.append('chunkIndex', String(index));
    form.append('totalChunks', String(parts.length));
    if (trackingId) form.append('trackingId', trackingId);
    else form.append('params', '{"epochs": 1}'); // keeps a trainer that picks these up cheap
    form.append('file', new Blob([new Uint8Array(chunk)], { type: 'text/csv' }), `${name}.csv`);
    const t0 = performance.now();
    const res = await fetch(`${url}/api/model-train/start`, { method: 'POST', body: form });
    const body = (await res.json()) as { trackingId: string };
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`${name} chunk ${index}: ${res.status} ${JSON.stringify(body)}`);
    trackingId = body.trackingId;
    chunks.push({ ms, last: index === parts.length - 1, stages: parseServerTiming(res.headers.get('server-timing')) });
  }
  return { trackingId: trackingId!, seconds: (performance.now() - started) / 1000, bytes: file.length, chunks };
}

export const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};
