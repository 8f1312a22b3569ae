/**
 * Ingest benchmark: uploads a 25 MB CSV in 1 MB chunks N times against a running ingest app and prints
 * throughput (MB/s), chunk-ack latency p50/p99, and the time from the last chunk's answer to the
 * training-requested event being readable by a consumer (decoded with the schema registry).
 *
 *   npx tsx bench/ingest/run.ts [--runs 5] [--url http://127.0.0.1:3000] [--size-mb 25] [--chunk-mb 1]
 *
 * Bounded: each run waits at most 60 s for its event, the whole benchmark at most 10 minutes.
 */
import { randomUUID } from 'node:crypto';
import { loadConfig } from '@modelstream/config';
import { TOPICS } from '@modelstream/contracts';
import { EventCodec, KafkaClient, TopicFollower } from '@modelstream/kafka';

const MiB = 1024 * 1024;
const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
const config = loadConfig();
const runs = Number(args.get('runs') ?? 5);
const url = args.get('url') ?? `http://127.0.0.1:${config.INGEST_PORT}`;
const fileBytes = Math.floor(Number(args.get('size-mb') ?? 25) * MiB);
const chunkBytes = Math.floor(Number(args.get('chunk-mb') ?? 1) * MiB);
const overallDeadline = Date.now() + 10 * 60_000;

/** A numeric CSV of at most `bytes` bytes, cut at a line end. */
function makeCsv(bytes: number): Buffer {
  const lines: string[] = ['f1,f2,f3,f4,f5,f6,category,target'];
  let size = lines[0].length + 1;
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (;;) {
    const f = Array.from({ length: 6 }, () => (rand() * 100).toFixed(5));
    const line = `${f.join(',')},${['red', 'green', 'blue'][Math.floor(rand() * 3)]},${(Number(f[0]) * 0.3 - Number(f[1]) + rand()).toFixed(5)}`;
    if (size + line.length + 1 > bytes) break;
    lines.push(line);
    size += line.length + 1;
  }
  return Buffer.from(lines.join('\n') + '\n');
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function main(): Promise<void> {
  const file = makeCsv(fileBytes);
  const chunks: Buffer[] = [];
  for (let at = 0; at < file.length; at += chunkBytes) chunks.push(file.subarray(at, at + chunkBytes));
  console.log(
    `ingest bench: ${url}, ${(file.length / MiB).toFixed(2)} MiB in ${chunks.length} chunks of ${chunkBytes / MiB} MiB, ${runs} runs`,
  );

  const codec = new EventCodec(config);
  const kafka = new KafkaClient(config);
  const seen = new Map<string, number>();
  const consumer = new TopicFollower(kafka, {
    topics: [TOPICS.trainingRequests.name],
    from: 'end',
    groupId: `ingest-bench-${randomUUID()}`,
    onMessage: async ({ message }) => {
      if (!message.value) return;
      const event = await codec.decode(message.value).catch(() => null); // skip others' poison test messages
      if (event?.type === 'TrainingRequested') seen.set(event.trackingId, performance.now());
    },
  });
  await consumer.start();
  await new Promise((r) => setTimeout(r, 1000)); // let the fetch loop settle at the end offsets

  const ackLatencies: number[] = [];
  const throughputs: number[] = [];
  const eventDelays: number[] = [];
  const lastChunkLatencies: number[] = [];
  for (let run = 1; run <= runs && Date.now() < overallDeadline; run++) {
    let trackingId: string | undefined;
    const started = performance.now();
    let lastAnswerAt = 0;
    for (const [index, chunk] of chunks.entries()) {
      const form = new FormData();
      form.append('filename', `bench-${run}.csv`);
      form.append('chunkIndex', String(index));
      form.append('totalChunks', String(chunks.length));
      if (trackingId) form.append('trackingId', trackingId);
      else form.append('params', '{"epochs": 1}'); // keeps a trainer that picks these up cheap
      form.append('file', new Blob([new Uint8Array(chunk)], { type: 'text/csv' }), `bench-${run}.csv`);
      const t0 = performance.now();
      const res = await fetch(`${url}/api/model-train/start`, { method: 'POST', body: form });
      const body = (await res.json()) as { trackingId: string; message?: unknown };
      const t1 = performance.now();
      if (res.status !== 200) throw new Error(`run ${run} chunk ${index}: ${res.status} ${JSON.stringify(body)}`);
      trackingId = body.trackingId;
      ackLatencies.push(t1 - t0);
      if (index === chunks.length - 1) {
        lastAnswerAt = t1;
        lastChunkLatencies.push(t1 - t0);
      }
    }
    const seconds = (lastAnswerAt - started) / 1000;
    throughputs.push(file.length / MiB / seconds);
    const waitUntil = performance.now() + 60_000;
    while (!seen.has(trackingId!) && performance.now() < waitUntil) await new Promise((r) => setTimeout(r, 2));
    const readableAt = seen.get(trackingId!);
    if (readableAt === undefined) throw new Error(`run ${run}: training-requested for ${trackingId} not readable within 60 s`);
    eventDelays.push(readableAt - lastAnswerAt);
    console.log(
      `run ${run}: ${seconds.toFixed(2)} s, ${throughputs.at(-1)!.toFixed(1)} MiB/s, last chunk ${ms(lastChunkLatencies.at(-1)!)}, event readable ${ms(eventDelays.at(-1)!)} after the last answer (${trackingId})`,
    );
  }
  await consumer.stop();
  await kafka.onApplicationShutdown();

  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  console.log('\nsummary');
  console.log(
    `  throughput         mean ${mean(throughputs).toFixed(1)} MiB/s (min ${Math.min(...throughputs).toFixed(1)}, max ${Math.max(...throughputs).toFixed(1)})`,
  );
  console.log(
    `  chunk-ack latency  p50 ${ms(percentile(ackLatencies, 50))}, p99 ${ms(percentile(ackLatencies, 99))} over ${ackLatencies.length} chunks`,
  );
  console.log(
    `  last chunk (whole-file checks + training request) p50 ${ms(percentile(lastChunkLatencies, 50))}, max ${ms(Math.max(...lastChunkLatencies))}`,
  );
  console.log(
    `  last answer → training-requested readable  p50 ${ms(percentile(eventDelays, 50))}, max ${ms(Math.max(...eventDelays))} (negative: the event was readable before the answer arrived)`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
