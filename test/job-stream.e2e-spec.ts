/**
 * The all-jobs live stream (GET /api/model-train/events) against the built ingest app: a client opens it with
 * fetch, uploads a CSV over the real HTTP API, and sees each status change of that job arrive as a `status`
 * event; a `?status=` stream sees only the changes into that status; a quiet stream gets `: keep-alive`
 * comments; all the streams of the app share one Redis subscription.
 */
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { SseEvent, SseParser } from '@modelstream/client';
import { loadConfig } from '@modelstream/config';
import { RedisKeys } from '@modelstream/storage';
import { RunningApp, startApp } from './support/app-process';
import { chunksOf, getJson, uploadFile } from './support/ingest-client';
import { makeCsv, uniqueFilename } from './support/ingest-csv';

jest.setTimeout(120_000);

interface StatusData {
  trackingId: string;
  status: string;
  stage: string | null;
  receivedChunks?: number;
  totalChunks?: number;
  datasetId?: string;
}

const config = loadConfig();
let app: RunningApp;
const redis = new Redis(config.REDIS_URL);
const streams: LiveStream[] = [];

/** An SSE response read as it arrives: the raw text (comments included) and the parsed events. */
class LiveStream {
  raw = '';
  events: SseEvent[] = [];
  ended = false;
  private readonly parser = new SseParser();
  private readonly abort = new AbortController();
  private wake: () => void = () => undefined;
  readonly openedAt = Date.now();
  response!: Response;

  static async open(path: string): Promise<LiveStream> {
    const stream = new LiveStream();
    streams.push(stream);
    stream.response = await fetch(`${app.url}${path}`, { headers: { accept: 'text/event-stream' }, signal: stream.abort.signal });
    if (stream.response.ok) void stream.pump();
    return stream;
  }

  private async pump(): Promise<void> {
    const reader = this.response.body!.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const text = decoder.decode(value, { stream: true });
        this.raw += text;
        this.events.push(...this.parser.push(text));
        this.wake();
      }
    } catch {
      /* aborted by close() */
    }
    this.ended = true;
    this.wake();
  }

  /** The `status` events of one job, as data. */
  statusesOf(trackingId: string): StatusData[] {
    return this.events
      .filter((e) => e.event === 'status')
      .map((e) => JSON.parse(e.data) as StatusData)
      .filter((d) => d.trackingId === trackingId);
  }

  async until<T>(test: () => T | undefined | false, timeoutMs: number, what: string): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = test();
      if (value) return value;
      if (this.ended || Date.now() > deadline)
        throw new Error(`${what}: not seen (ended: ${this.ended}); received:\n${this.raw.slice(-3000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, Math.min(500, deadline - Date.now())));
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  close(): void {
    this.abort.abort();
  }
}

beforeAll(async () => {
  app = await startApp('ingest', 3481);
}, 120_000);

afterAll(async () => {
  for (const s of streams) s.close();
  await Promise.allSettled([app?.stop()]);
  redis.disconnect();
});

describe('GET /api/model-train/events', () => {
  it("streams every change of a job uploaded meanwhile, the status filter keeps only its status's, quiet streams get keep-alives", async () => {
    const channel = new RedisKeys(config.REDIS_KEY_PREFIX).jobChanges;
    const subscribers = async () => Number(((await redis.pubsub('NUMSUB', channel)) as [string, number])[1]);
    // One Redis subscription per app, made when it starts (it also keeps the status read cache honest).
    const subscribersBefore = await subscribers();
    expect(subscribersBefore).toBeGreaterThanOrEqual(1);

    const all = await LiveStream.open('/api/model-train/events');
    const completed = await LiveStream.open('/api/model-train/events?status=completed');
    const running = await LiveStream.open('/api/model-train/events?status=running');
    for (const s of [all, completed, running]) {
      expect(s.response.status).toBe(200);
      expect(s.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(s.response.headers.get('x-accel-buffering')).toBe('no');
      expect(s.response.headers.get('cache-control')).toMatch(/no-cache/);
    }
    // Three streams of one app: that one subscription, fanned out in process; none of their own. Watched for 1 s:
    // Redis may count a new subscription a moment after the answers' headers have arrived.
    const deadline = Date.now() + 1000;
    while ((await subscribers()) === subscribersBefore && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await subscribers()).toBe(subscribersBefore);

    const file = makeCsv({ rows: 300, seed: Date.now() % 100_000 });
    const chunks = chunksOf(file, Math.ceil(file.length / 3));
    const answers = await uploadFile(app.url, file, chunks, { filename: uniqueFilename('stream'), train: 'false' });
    const answeredAt = Date.now();
    const { trackingId, datasetId } = answers.at(-1)!;

    const final = await all.until(
      () => all.statusesOf(trackingId).find((d) => d.status === 'completed'),
      10_000,
      `the completed event of ${trackingId}`,
    );
    console.log(`all-jobs stream: the final status arrived ${Date.now() - answeredAt} ms after the last chunk's answer`);
    expect(final).toMatchObject({ trackingId, status: 'completed', stage: 'uploaded', datasetId, totalChunks: 3, receivedChunks: 3 });
    const seen = all.statusesOf(trackingId);
    expect(seen.map((d) => d.receivedChunks)).toEqual([1, 2, 3, 3].slice(0, seen.length));
    expect(seen.slice(0, -1).every((d) => d.status === 'pending')).toBe(true);
    expect(seen.at(-1)!.status).toBe('completed');
    // The view is the status API's own.
    const { body: current } = await getJson<StatusData>(`${app.url}/api/model-train/status/${trackingId}`);
    expect(seen.at(-1)).toEqual(current);

    await completed.until(() => completed.statusesOf(trackingId).length > 0, 5_000, 'the completed-only event');
    expect(completed.statusesOf(trackingId).map((d) => d.status)).toEqual(['completed']);
    expect(completed.events.every((e) => e.event === 'status' && (JSON.parse(e.data) as StatusData).status === 'completed')).toBe(true);
    expect(running.events.filter((e) => (JSON.parse(e.data) as StatusData).status !== 'running')).toEqual([]);
    expect(running.statusesOf(trackingId)).toEqual([]);

    // Nothing else happens on this app: the next bytes of the running-only stream are the keep-alive comment.
    await running.until(() => running.raw.includes(': keep-alive\n\n'), 20_000, 'a keep-alive comment');
    console.log(`all-jobs stream: first keep-alive after ${Date.now() - running.openedAt} ms of quiet`);
    expect(running.ended).toBe(false);
  });

  it("answers 400 with the API's error body for a status that is not one", async () => {
    const res = await fetch(`${app.url}/api/model-train/events?status=done`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as { statusCode: number; message: string | string[] };
    expect(body.statusCode).toBe(400);
    expect([body.message].flat().join(' ')).toMatch(/status must be one of pending, running, completed, failed, cancelled/);
  });

  it("leaves the one job's stream where it was: GET /api/model-train/:trackingId/events", async () => {
    const file = makeCsv({ rows: 50, seed: (Date.now() + 7) % 100_000 });
    const [answer] = await uploadFile(app.url, file, [file], { filename: uniqueFilename('one'), train: 'false' });
    const one = await LiveStream.open(`/api/model-train/${answer.trackingId}/events`);
    expect(one.response.status).toBe(200);
    await one.until(() => one.ended, 10_000, 'the end of a finished job’s stream');
    expect(one.statusesOf(answer.trackingId).map((d) => d.status)).toEqual(['completed']);
    // an id no other spec uses: the namespace is shared by the whole run
    expect((await fetch(`${app.url}/api/model-train/no-such-job-${randomUUID()}/events`)).status).toBe(404);
  });
});
