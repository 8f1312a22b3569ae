/**
 * The ingest bench's client: a CSV of a given size, one upload of it in chunks (multipart, as the portal and
 * the SDK send it), and what each chunk's answer took: the whole round trip and the server's stages from its
 * Server-Timing header.
 *
 * A chunk's request is its multipart head, the chunk's bytes as they are, and the closing boundary, written on a
 * kept-alive `node:http` connection: about 1 ms of CPU per MiB. fetch with a FormData and a Blob took 6–15 ms per
 * MiB (copies, and undici's streamed multipart), on the cores the server being measured shares with this client
 * (a browser or SDK uploads from another machine): it held a receive-only sink to 84–213 MiB/s, against 390–690
 * with this client.
 */
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';

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

/**
 * `base` as a new file for upload `n` (so no upload reuses another's dataset), in chunks of `chunkBytes`: the first
 * data row's first field overwritten with `n`, at its own width, so only the first chunk is a copy and every later
 * one is the base's bytes as they are. A whole-file copy per upload (25 MiB) made this client's collector pause in
 * the middle of the uploads it timed — 28 pauses over 12 uploads, 21 of them over 2 ms, up to 25 ms — and the
 * chunk-ack tails of the app, the floor and the sink alike carried them (one upload at a time, 250 chunks: p99
 * 35–40 ms with the copies, 19–22 ms without).
 */
export function variant(base: Buffer, n: number, chunkBytes: number): Buffer[] {
  const headerEnd = base.indexOf(10) + 1;
  const width = base.indexOf(44, headerEnd) - headerEnd;
  const first = Buffer.from(base.subarray(0, chunkBytes));
  first.write(String(n % 10 ** width).padStart(width, '0'), headerEnd, 'latin1');
  const chunks: Buffer[] = [first];
  for (let at = chunkBytes; at < base.length; at += chunkBytes) chunks.push(base.subarray(at, at + chunkBytes));
  return chunks;
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

const agent = new Agent({ keepAlive: true });

/** A multipart/form-data body: the fields, then `file` (its bytes not copied), as three buffers to write in turn. */
export function multipartBody(fields: [string, string][], file: { name: string; filename: string; type: string; bytes: Buffer }) {
  const boundary = `----modelstream-bench-${randomBytes(12).toString('hex')}`;
  const part = (disposition: string) => `--${boundary}\r\nContent-Disposition: form-data; ${disposition}`;
  const head =
    fields.map(([name, value]) => `${part(`name="${name}"`)}\r\n\r\n${value}\r\n`).join('') +
    `${part(`name="${file.name}"; filename="${file.filename}"`)}\r\nContent-Type: ${file.type}\r\n\r\n`;
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    parts: [Buffer.from(head), file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`)],
  };
}

interface Answer {
  status: number;
  body: string;
  serverTiming: string | undefined;
}

/** POSTs the body's parts on a kept-alive connection; the answer's status, text and Server-Timing. */
function post(url: string, body: ReturnType<typeof multipartBody>): Promise<Answer> {
  const length = body.parts.reduce((sum, part) => sum + part.length, 0);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': body.contentType, 'content-length': length } }, (res) => {
      const received: Buffer[] = [];
      res.on('data', (bytes: Buffer) => received.push(bytes));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(received).toString('utf8'),
          serverTiming: res.headers['server-timing'] as string | undefined,
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    for (const part of body.parts) req.write(part);
    req.end();
  });
}

/** Uploads the file of `chunks` to `url`'s POST /api/model-train/start, one chunk after the other. */
export async function upload(url: string, file: readonly Buffer[], name: string): Promise<UploadResult> {
  const count = file.length;
  const chunks: ChunkTiming[] = [];
  let trackingId: string | undefined;
  const started = performance.now();
  for (let index = 0; index < count; index++) {
    const fields: [string, string][] = [
      ['filename', `${name}.csv`],
      ['chunkIndex', String(index)],
      ['totalChunks', String(count)],
      trackingId ? ['trackingId', trackingId] : ['params', '{"epochs": 1}'], // keeps a trainer that picks these up cheap
    ];
    const bytes = file[index];
    const body = multipartBody(fields, { name: 'file', filename: `${name}.csv`, type: 'text/csv', bytes });
    const t0 = performance.now();
    const answer = await post(`${url}/api/model-train/start`, body);
    const ms = performance.now() - t0;
    if (answer.status !== 200) throw new Error(`${name} chunk ${index}: ${answer.status} ${answer.body}`);
    trackingId = (JSON.parse(answer.body) as { trackingId: string }).trackingId;
    chunks.push({ ms, last: index === count - 1, stages: parseServerTiming(answer.serverTiming ?? null) });
  }
  return {
    trackingId: trackingId!,
    seconds: (performance.now() - started) / 1000,
    bytes: file.reduce((sum, chunk) => sum + chunk.length, 0),
    chunks,
  };
}

export const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};
