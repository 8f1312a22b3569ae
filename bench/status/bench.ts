/**
 * Status API bench: loads GET /api/model-train/status/:trackingId of the ingest app (the Redis status
 * projection) with autocannon on loopback and prints requests/s and p50/p99 latency. It starts the built
 * ingest app on its own port (history into a throwaway database), publishes one job's events and waits
 * until its status is projected, then loads that job's status.
 *
 *   npx nest build ingest && npx tsx --tsconfig tsconfig.json bench/status/bench.ts
 *   # BENCH_SECONDS=10 BENCH_CONNECTIONS=10,50; BENCH_URL=http://127.0.0.1:3000 loads an ingest app already running
 */
import autocannon from 'autocannon';
import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '@modelstream/config';
import { TOPICS } from '@modelstream/contracts';
import { EventCodec, EventPublisher, KafkaClient } from '@modelstream/kafka';
import { dropDatabase, openHistoryDatabase } from '@modelstream/storage';
import { RunningApp, startApp } from '../../test/support/app-process';
import { jobLife } from '../../test/support/history-events';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '10,50').split(',').map(Number);
const PORT = 3160;
const run = randomBytes(4).toString('hex');
const config = loadConfig();
const kafka = new KafkaClient(config);
const publisher = new EventPublisher(kafka, new EventCodec(config));
const database = `modelstream_bench_status_${run}`;
const group = `modelstream-history-bench-${run}`;
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  Logger.overrideLogger(['error']);
  let app: RunningApp | undefined;
  let url = process.env.BENCH_URL;
  try {
    if (!url) {
      await (await openHistoryDatabase(config, database)).destroy();
      app = await startApp('ingest', PORT, {
        MARIADB_DATABASE: database,
        HISTORY_CONSUMER_GROUP: group,
        WATCHDOG_INTERVAL_MS: '0',
        LOG_LEVEL: 'warn',
      });
      url = app.url;
    }
    const trackingId = `bench-status-${run}`;
    for (const { topic, event } of jobLife({ ending: 'completed', trackingId, epochs: 5 }).filter(
      (e) => e.event.type !== 'TrainingRequested',
    )) {
      await publisher.publish(TOPICS[topic], event);
    }
    const target = `${url}/api/model-train/status/${trackingId}`;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await fetch(target);
      if (res.ok && ((await res.json()) as { status: string }).status === 'completed') break;
      if (Date.now() > deadline) throw new Error(`${target} did not answer a completed status within 60 s`);
      await new Promise((r) => setTimeout(r, 500));
    }
    let failed = false;
    for (const connections of CONNECTIONS) {
      const result = await autocannon({ url: target, connections, duration: SECONDS });
      say(
        `GET /api/model-train/status/:id  ${connections} connections, ${SECONDS} s: ${Math.round(result.requests.average)} req/s  ` +
          `latency p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  (avg ${result.latency.average.toFixed(2)} ms; ` +
          `errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx})`,
      );
      failed ||= result.non2xx > 0 || result.errors > 0;
    }
    if (failed) process.exitCode = 1;
  } finally {
    await app?.stop();
    if (app) {
      await kafka.deleteGroups([group]).catch(() => undefined);
      await dropDatabase(config, database).catch(() => undefined);
    }
    await kafka.onApplicationShutdown();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
