/**
 * Live projection lag bench: starts the built ingest app in a namespace of its own (Kafka topics and groups,
 * Redis prefix, MariaDB database), publishes job events at RATE events/s for SECONDS (jobs of 50 events, JOBS
 * of them in flight at once, each job's events in order) and measures, per event, the time from its production
 * to its sequence showing in Redis (the status) and in MariaDB (the history cursor). Prints p50/p95/p99/max, and
 * where the history's time went (the app's metrics over the window): batches waiting for a transaction, and the
 * transactions themselves. Then, with the app stopped, the same stream (new jobs) through its floor (lag-floor.ts:
 * the thinnest consumer making each event visible in both stores), and the app's p99 as a ratio to the floor's.
 *
 *   npx nest build ingest && npx tsx --tsconfig tsconfig.json bench/replay/lag.ts
 *   # BENCH_RATE=2000 BENCH_SECONDS=20 BENCH_JOBS_IN_FLIGHT=40 BENCH_PORT=3371
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { TOPICS } from '@modelstream/contracts';
import { loadConfig } from '@modelstream/config';
import { EventCodec, KafkaClient } from '@modelstream/kafka';
import { deleteRedisKeys } from '@modelstream/ingest-ops';
import { dropDatabase, openHistoryDatabase, RedisKeys } from '@modelstream/storage';
import { RunningApp, startApp } from '../../test/support/app-process';
import { jobLife, JobTopicKey, PlannedEvent } from '../../test/support/history-events';
import { join } from 'node:path';
import { RunningFloor, startFloor } from '../support/floor';
import { between, HistogramReading, quantile, readHistogram } from '../support/prometheus-histogram';
import { AppliedSequences, VisibilityWatch } from './lag-watch';

const RATE = Number(process.env.BENCH_RATE ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const IN_FLIGHT = Number(process.env.BENCH_JOBS_IN_FLIGHT ?? 40);
const TICK_MS = 10;
const PORT = Number(process.env.BENCH_PORT ?? 3371);
const run = randomBytes(4).toString('hex');
// The bench's own clients and the app it starts share the namespace: set before the config is read.
Object.assign(process.env, {
  KAFKA_NAMESPACE: `bench-lag-${run}.`,
  REDIS_KEY_PREFIX: `bench-lag-${run}:`,
  MARIADB_DATABASE: `modelstream_bench_lag_${run}`,
});
const say = (line: string) => process.stdout.write(`${line}\n`);
const JOB_TOPICS: JobTopicKey[] = ['uploadChunks', 'trainingRequests', 'trainingControl', 'trainingEvents'];

async function main(): Promise<void> {
  Logger.overrideLogger(['error']);
  const config = loadConfig(); // read once, after the namespace was set above
  const kafka = new KafkaClient(config);
  const codec = new EventCodec(config);
  const redis = new Redis(config.REDIS_URL);
  const keys = new RedisKeys(config.REDIS_KEY_PREFIX);
  const ds = await openHistoryDatabase(config, config.MARIADB_DATABASE);
  let app: RunningApp | undefined;
  let floor: RunningFloor | undefined;
  try {
    await kafka.ensureTopics(JOB_TOPICS.map((t) => TOPICS[t]));
    app = await startApp('ingest', PORT, {
      KAFKA_NAMESPACE: config.KAFKA_NAMESPACE,
      REDIS_KEY_PREFIX: config.REDIS_KEY_PREFIX,
      MARIADB_DATABASE: config.MARIADB_DATABASE,
      WATCHDOG_INTERVAL_MS: '0',
      LOG_LEVEL: 'warn',
    });
    const readRedis = async (ids: string[]): Promise<AppliedSequences> => {
      const pipeline = redis.pipeline();
      for (const id of ids) pipeline.hget(keys.job(id), 'record');
      const answers = (await pipeline.exec()) ?? [];
      const applied: AppliedSequences = new Map();
      answers.forEach(([, record], i) => {
        if (typeof record === 'string') applied.set(ids[i], (JSON.parse(record) as { seq: Record<string, number> }).seq);
      });
      return applied;
    };
    const readDatabase = async (ids: string[]): Promise<AppliedSequences> => {
      const rows = (await ds.query('SELECT tracking_id, topic, last_sequence FROM job_event_cursors WHERE tracking_id IN (?)', [
        ids,
      ])) as Array<{ tracking_id: string; topic: string; last_sequence: string }>;
      const applied: AppliedSequences = new Map();
      for (const r of rows) applied.set(r.tracking_id, { ...applied.get(r.tracking_id), [r.topic]: Number(r.last_sequence) });
      return applied;
    };
    const watchBoth = () => [new VisibilityWatch('Redis status   ', readRedis), new VisibilityWatch('MariaDB history', readDatabase)];
    const measure = async (label: string) => {
      // Warm up: one job's life, seen in both stores, so the groups have joined before the clock starts.
      const warmup = watchBoth();
      await publish(kafka, codec, jobLife({ ending: 'completed', trackingId: `lag-${run}-${label}-warmup`, epochs: 2 }), warmup);
      warmup.forEach((w) => w.start());
      await Promise.all(warmup.map((w) => w.drain(120_000)));
      if (warmup.some((w) => w.outstanding > 0)) throw new Error(`the ${label}'s warm-up job never showed in both stores`);
      const watches = watchBoth();
      watches.forEach((w) => w.start());
      const sent = await stream(kafka, codec, watches, label);
      await Promise.all(watches.map((w) => w.drain(60_000)));
      return { sent, watches };
    };

    const scrape = async () => (await fetch(`${app!.url}/metrics`)).text();
    const before = await scrape();
    const scraped = Date.now();
    const ours = await measure('app');
    const after = await scrape();
    const windowSeconds = (Date.now() - scraped) / 1000;
    await app.stop();
    app = undefined;
    // The floor, on the same topics, stores and stream, with the app stopped.
    floor = await startFloor(join(__dirname, 'lag-floor.ts'), PORT, { FLOOR_GROUP: `lag-floor-${run}` });
    const theirs = await measure('floor');
    await floor.stop();
    floor = undefined;

    const { sent } = ours;
    say(
      `published ${sent.events} events in ${sent.seconds.toFixed(1)} s (${Math.round(sent.events / sent.seconds)} events/s, target ${RATE}), to the app and then to the floor`,
    );
    ours.watches.forEach((w, i) => {
      say(`app   ${w.summary()}`);
      say(`floor ${theirs.watches[i].summary()}`);
      say(`  p99 app / floor: ${(w.p99() / Math.max(1, theirs.watches[i].p99())).toFixed(2)}×`);
    });
    say(historyStages(before, after));
    say(appLoad(before, after, windowSeconds));
    say(`lag p99 ${Math.max(...ours.watches.map((w) => w.p99()))} ms (goal ≤ 100 ms)`);
  } finally {
    await app?.stop();
    await floor?.stop();
    await ds.destroy();
    await dropDatabase(config, config.MARIADB_DATABASE).catch(() => undefined);
    await deleteRedisKeys(redis, config.REDIS_KEY_PREFIX).catch(() => undefined);
    await kafka.deleteTopics(JOB_TOPICS.map((t) => TOPICS[t].name)).catch(() => undefined);
    await Promise.allSettled([redis.quit(), kafka.onApplicationShutdown()]);
  }
}

/** The history projector's stages over the window, from its histograms (ingest_history_* in GET /metrics). */
function historyStages(before: string, after: string): string {
  const window = (name: string, labels?: string) => between(readHistogram(before, name, labels), readHistogram(after, name, labels));
  const ms = (h: HistogramReading, q: number) => `${(quantile(h, q) * 1000).toFixed(1)}`;
  const waits = window('ingest_history_batch_wait_seconds');
  const transactions = window('ingest_history_transaction_seconds', 'outcome="ok"');
  const stage = (name: string) => window('ingest_history_transaction_stage_seconds', `stage="${name}"`);
  const mean = (h: HistogramReading) => ((h.sum / Math.max(1, h.count)) * 1000).toFixed(1);
  const [read, fold, commit] = ['locking_read', 'fold', 'writes_and_commit'].map(stage);
  return (
    `  history stages: ${waits.count} batches waited for a transaction p50 ${ms(waits, 0.5)} / p99 ${ms(waits, 0.99)} ms; ` +
    `${transactions.count} transactions (${(waits.count / Math.max(1, transactions.count)).toFixed(1)} batches each) ` +
    `took p50 ${ms(transactions, 0.5)} / p99 ${ms(transactions, 0.99)} ms, busy ${transactions.sum.toFixed(1)} s of the window\n` +
    `  per transaction (mean / p99): locking read ${mean(read)} / ${ms(read, 0.99)} ms, fold ${mean(fold)} / ${ms(fold, 0.99)} ms, ` +
    `writes + COMMIT ${mean(commit)} / ${ms(commit, 0.99)} ms`
  );
}

/**
 * The app process over the window: its CPU time (process_cpu_seconds_total) and its event loop's delay (prom-client's
 * default metrics, whose delay histogram each scrape resets), which both projectors' handlers wait on.
 */
function appLoad(before: string, after: string, seconds: number): string {
  const value = (text: string, name: string) => Number(new RegExp(`^${name} ([-+0-9.e]+)$`, 'm').exec(text)?.[1] ?? NaN);
  const cpu = value(after, 'process_cpu_seconds_total') - value(before, 'process_cpu_seconds_total');
  // the histogram records each tick of a 10 ms timer (prom-client's default precision): the delay is beyond that
  const delay = (q: string) => Math.max(0, value(after, `nodejs_eventloop_lag_${q}_seconds`) * 1000 - 10).toFixed(1);
  return (
    `  app process: ${cpu.toFixed(1)} s CPU in the ${seconds.toFixed(1)} s window (warm-up, stream, drain; ${Math.round((100 * cpu) / seconds)}% of a core); ` +
    `event loop late by p50 ${delay('p50')} / p99 ${delay('p99')} / max ${delay('max')} ms`
  );
}

/** Sends events (per topic, one request each) and tells the watches when they were produced. */
async function publish(
  kafka: KafkaClient,
  codec: EventCodec,
  events: PlannedEvent[],
  watches: VisibilityWatch[],
  at = Date.now(),
): Promise<void> {
  const byTopic = new Map<JobTopicKey, Array<{ key: string; value: Buffer }>>();
  for (const { topic, event } of events) {
    const list = byTopic.get(topic) ?? [];
    list.push({ key: event.trackingId, value: await codec.encode(TOPICS[topic], event) });
    byTopic.set(topic, list);
    for (const w of watches) {
      w.produced({ trackingId: event.trackingId, topic: TOPICS[topic].name, sequence: Number(event.sequence), producedAt: at });
    }
  }
  await Promise.all([...byTopic].map(([topic, messages]) => kafka.send(TOPICS[topic].name, messages)));
}

/** RATE events/s for SECONDS, in ticks of TICK_MS; IN_FLIGHT jobs at once, each job's events in its order. */
async function stream(
  kafka: KafkaClient,
  codec: EventCodec,
  watches: VisibilityWatch[],
  label: string,
): Promise<{ events: number; seconds: number }> {
  let jobs = 0;
  const newJob = () => jobLife({ ending: 'completed', trackingId: `lag-${run}-${label}-${jobs++}`, epochs: 44 });
  const flight = Array.from({ length: IN_FLIGHT }, newJob);
  let next = 0;
  let sent = 0;
  const started = Date.now();
  const total = RATE * SECONDS;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((Date.now() - started) / 1000) * RATE)) - sent;
    if (due > 0) {
      const batch: PlannedEvent[] = [];
      for (let i = 0; i < due; i++) {
        const slot = next++ % IN_FLIGHT;
        if (flight[slot].length === 0) flight[slot] = newJob();
        batch.push(flight[slot].shift()!);
      }
      await publish(kafka, codec, batch, watches);
      sent += due;
    }
    await new Promise((r) => setTimeout(r, TICK_MS));
  }
  return { events: sent, seconds: (Date.now() - started) / 1000 };
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
