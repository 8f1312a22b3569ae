/**
 * Replay bench: writes EVENTS job events (default 100k: 2,000 jobs of 50 events — 2 chunks, a request, a
 * start, 44 epochs, a registering step, a completion) into private copies of the four job topics, then replays them
 * into a fresh Redis prefix and, separately, into a fresh MariaDB database, and prints events per second
 * for each, with the busy time of each stage (fetch+decode, fold, store write, commit). Then it runs the floor
 * (floor.ts): the same final Redis records and MariaDB rows written straight, with nothing else, and prints each
 * replay's rate as a share of its floor's. The copies, the prefix's keys and the databases are removed at the
 * end; the shared topics and the live stores are not touched.
 *
 *   npx tsx --tsconfig tsconfig.json bench/replay/bench.ts          # BENCH_EVENTS=100000 BENCH_DEADLINE_SECONDS=900 BENCH_CONCURRENCY=<replay default>
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { loadConfig } from '@modelstream/config';
import { TOPICS } from '@modelstream/contracts';
import { EventCodec, KafkaClient } from '@modelstream/kafka';
import { dropDatabase, openHistoryDatabase } from '@modelstream/storage';
import { HISTORY_TOPICS, replayJobTopics, ReplayResult, ReplaySource, deleteRedisKeys } from '@modelstream/ingest-ops';
import { jobLife, JobTopicKey } from '../../test/support/history-events';
import { mariadbFloor, redisFloor } from './floor';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const DEADLINE_SECONDS = Number(process.env.BENCH_DEADLINE_SECONDS ?? 900);
/** Partitions replayed at once (default: the replay's own). */
const CONCURRENCY = process.env.BENCH_CONCURRENCY ? Number(process.env.BENCH_CONCURRENCY) : undefined;
const EPOCHS = 44; // 2 chunks + request + started + 44 epochs + registering + completed = 50 events per job
const run = randomBytes(4).toString('hex');
const config = loadConfig();
const kafka = new KafkaClient(config);
const codec = new EventCodec(config);
// Commands wait through a short Redis restart (other tests stop services) instead of failing the bench.
const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 30 });
const database = `modelstream_bench_${run}`;
const prefix = `bench-replay-${run}:`;
const floorDatabase = `modelstream_bench_floor_${run}`;
const floorPrefix = `bench-replay-floor-${run}:`;
const copyOf = (name: string) => `bench.replay-${run}.${name.replace(/^modelstream\./, '')}`;
const sources: ReplaySource[] = HISTORY_TOPICS.map((t) => ({ topic: copyOf(t.name), as: t.name }));
const say = (line: string) => process.stdout.write(`${line}\n`);

async function generate(): Promise<number> {
  await kafka.ensureTopics(HISTORY_TOPICS.map((t) => ({ ...t, name: copyOf(t.name) })));
  const jobs = Math.ceil(EVENTS / (EPOCHS + 6));
  const started = performance.now();
  let written = 0;
  const batches = new Map<string, Array<{ key: string; value: Buffer }>>();
  const flush = async (force = false) => {
    for (const [topic, messages] of batches) {
      if (messages.length === 0 || (!force && messages.length < 1000)) continue;
      batches.set(topic, []);
      await kafka.send(topic, messages);
    }
  };
  const base = Date.now() - jobs * 10_000;
  for (let j = 0; j < jobs && written < EVENTS; j++) {
    // Ten datasets, so versions per (checksum, model type) count up as in real use.
    const life = jobLife({
      ending: 'completed',
      epochs: EPOCHS,
      trackingId: `bench-${run}-${j}`,
      startAt: base + j * 10_000,
      sha256: String(j % 10).repeat(64),
    });
    for (const { topic, event } of life) {
      if (written >= EVENTS) break;
      // Encoded with the real topic's schema (its registry id); written to the private copy.
      const value = await codec.encode(TOPICS[topic as JobTopicKey], event);
      const name = copyOf(TOPICS[topic as JobTopicKey].name);
      if (!batches.has(name)) batches.set(name, []);
      batches.get(name)!.push({ key: event.trackingId, value });
      written++;
    }
    await flush();
  }
  await flush(true);
  say(
    `generated ${written} events (${jobs} jobs) into ${sources.length} private topics in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return written;
}

function report(label: string, r: ReplayResult): void {
  say(
    `${label}: ${r.events} events in ${r.seconds.toFixed(1)} s = ${Math.round(r.events / r.seconds)} events/s (${label.includes('Redis') ? r.appliedToRedis : r.appliedToMariadb} applied)`,
  );
  const { decode, fold, write, commit } = r.stages;
  const busy = decode + fold + write + commit;
  const ms = (v: number) => `${(v / 1000).toFixed(2)} s`;
  say(
    `  stages (busy time summed over partitions): fetch+decode ${ms(decode)} decode + ${ms(Math.max(0, r.seconds * 1000 - busy))} ` +
      `wall not in a stage (fetch, waits) | fold ${ms(fold)} | store write ${ms(write)} | commit ${ms(commit)}`,
  );
}

function floorReport(label: string, events: number, replay: ReplayResult, floor: { seconds: number }, what: string): void {
  const rate = events / replay.seconds;
  const floorRate = events / floor.seconds;
  say(
    `${label}: ${what} in ${floor.seconds.toFixed(2)} s = ${Math.round(floorRate)} events/s; ` +
      `replay ${Math.round(rate)} events/s = ${(rate / floorRate).toFixed(2)} of the floor (${(floorRate / rate).toFixed(1)}x slower)`,
  );
}

async function main(): Promise<void> {
  Logger.overrideLogger(['error']);
  const deadline = setTimeout(() => {
    process.stderr.write(`bench: gave up after ${DEADLINE_SECONDS} s\n`);
    void cleanup().finally(() => process.exit(1));
  }, DEADLINE_SECONDS * 1000);
  try {
    const written = await generate();
    const progress = (done: number, total: number) => process.stdout.write(`  ${done}/${total}\r`);

    const intoRedis = await replayJobTopics({
      kafka,
      codec,
      redis: { client: redis, prefix },
      sources,
      onProgress: progress,
      progressEvery: 10_000,
      partitionsConsumedConcurrently: CONCURRENCY,
    });
    report('replay into Redis   ', intoRedis);
    const redisBase = await redisFloor(redis, prefix, floorPrefix);
    floorReport('floor Redis         ', written, intoRedis, redisBase, `${redisBase.writes} hashes and sorted sets`);

    const ds = await openHistoryDatabase(config, database);
    try {
      const intoDb = await replayJobTopics({
        kafka,
        codec,
        database: ds,
        sources,
        onProgress: progress,
        progressEvery: 10_000,
        partitionsConsumedConcurrently: CONCURRENCY,
      });
      report('replay into MariaDB ', intoDb);
      const [{ jobs, completed, versions }] = (await ds.query(
        "SELECT COUNT(*) AS jobs, SUM(status = 'completed') AS completed, MAX(version) AS versions FROM training_jobs",
      )) as Array<{ jobs: string; completed: string; versions: number }>;
      say(`  MariaDB holds ${jobs} jobs, ${completed} completed, versions up to ${versions} per (dataset, model type)`);
      const floorDs = await openHistoryDatabase(config, floorDatabase);
      try {
        const dbBase = await mariadbFloor(ds, floorDs);
        floorReport('floor MariaDB       ', written, intoDb, dbBase, `${dbBase.rows} rows`);
      } finally {
        await floorDs.destroy();
      }
      if (intoDb.events !== written || intoRedis.events !== written)
        throw new Error(`replayed ${intoRedis.events}/${intoDb.events} of ${written} events`);
    } finally {
      await ds.destroy();
    }
  } finally {
    clearTimeout(deadline);
    await cleanup();
  }
}

async function cleanup(): Promise<void> {
  for (let attempt = 1; attempt <= 5; attempt++) {
    try {
      await deleteRedisKeys(redis, prefix);
      await deleteRedisKeys(redis, floorPrefix);
      await dropDatabase(config, database);
      await dropDatabase(config, floorDatabase);
      break;
    } catch (error) {
      process.stderr.write(`cleanup: ${error instanceof Error ? error.message : String(error)}; retrying\n`);
      await new Promise((r) => setTimeout(r, 3000));
    }
  }
  await kafka.deleteTopics(sources.map((s) => s.topic)).catch(() => undefined);
  await Promise.allSettled([redis.quit(), kafka.onApplicationShutdown()]);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
