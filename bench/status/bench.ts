/**
 * Status API bench: loads GET /api/model-train/status/:trackingId of the ingest app (the Redis status
 * projection) with autocannon on loopback, then a floor — the thinnest `node:http` + ioredis server answering the
 * same record (bench/status/floor-server.ts) — and the framework ceilings — bare Nest on express and on fastify doing
 * the same (nest-floor-server.ts) — with the same settings, and prints requests/s, p50/p99 latency and their ratios
 * to the floor, then the app and the floor again at one fixed rate (half the app's requests/s: CPU per request and
 * an open-loop client's tail). Then, unless BENCH_PROFILE=0, both run again under `node --cpu-prof` and the bench
 * prints where a request's CPU time goes, stage by stage (bench/support/cpu-profile.ts).
 *
 * Each one is loaded BENCH_ROUNDS times in turn (BENCH_SECONDS in all): the machine's other load falls on all alike.
 * It starts the built ingest app on its own port as deployed (AUTH=required with an admin key sent as a Bearer
 * header, LOG_LEVEL=info; BENCH_AUTH=off, BENCH_LOG_LEVEL=warn change that), history into a throwaway database,
 * publishes one job's events and waits until its status is projected, then loads that job's status. The app answers
 * a view it read a moment ago from process (projections/status/job-view.cache.ts: at most one Redis read a second
 * for this job, as it does not change); the floor reads Redis on every request.
 *
 *   npx nest build ingest && npx tsx --tsconfig tsconfig.json bench/status/bench.ts
 *   # BENCH_SECONDS=10 BENCH_CONNECTIONS=10,50 BENCH_PROFILE_SECONDS=5 BENCH_PROFILE_CONNECTIONS=10
 */
import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { loadConfig } from '@modelstream/config';
import { TOPICS } from '@modelstream/contracts';
import { EventCodec, EventPublisher, KafkaClient } from '@modelstream/kafka';
import { dropDatabase, openHistoryDatabase } from '@modelstream/storage';
import { RunningApp, startApp } from '../../test/support/app-process';
import { jobLife } from '../../test/support/history-events';
import { breakdownLines, breakdownOf, monotonicUs, profileDir, profileOptions } from '../support/cpu-profile';
import { compareLine, EQUAL_RATE_SHARE, load, LoadResult, loadInTurn, RunningFloor, startFloor } from '../support/floor';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 12);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '10,50').split(',').map(Number);
const PROFILE_SECONDS = Number(process.env.BENCH_PROFILE ?? '1') === 0 ? 0 : Number(process.env.BENCH_PROFILE_SECONDS ?? 5);
/** The connections of the profiled runs. */
const PROFILE_CONNECTIONS = Number(process.env.BENCH_PROFILE_CONNECTIONS ?? 10);
const AUTH = process.env.BENCH_AUTH ?? 'required';
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info';
const PORTS = { app: 3160, floor: 3161 };
/** The framework ceilings: bare Nest on each platform (bench/support/bare-nest.ts), the same HGET. */
const CEILINGS = [
  { platform: 'express', port: 3162 },
  { platform: 'fastify', port: 3164 },
] as const;
const FLOOR = join(__dirname, 'floor-server.ts');
const NEST_FLOOR = join(__dirname, 'nest-floor-server.ts');
const run = randomBytes(4).toString('hex');
const config = loadConfig();
const kafka = new KafkaClient(config);
const publisher = new EventPublisher(kafka, new EventCodec(config));
const database = `modelstream_bench_status_${run}`;
const group = `modelstream-history-bench-${run}`;
const adminKey = `msk_bench_${randomBytes(24).toString('base64url')}`;
const headers: Record<string, string> = AUTH === 'required' ? { authorization: `Bearer ${adminKey}` } : {};
const say = (line: string) => process.stdout.write(`${line}\n`);

function startIngest(env: Record<string, string> = {}): Promise<RunningApp> {
  return startApp('ingest', PORTS.app, {
    MARIADB_DATABASE: database,
    HISTORY_CONSUMER_GROUP: group,
    WATCHDOG_INTERVAL_MS: '0',
    LOG_LEVEL,
    AUTH,
    ADMIN_API_KEY: AUTH === 'required' ? adminKey : '',
    ...env,
  });
}

/** Loads `url` for `seconds` at `connections`; with `window`, also the monotonic start and end of the load. */
async function timedLoad(url: string, connections: number, seconds: number): Promise<LoadResult & { from: number; to: number }> {
  const from = monotonicUs();
  const result = await load(url, { headers, connections, seconds });
  return { ...result, from, to: monotonicUs() };
}

async function main(): Promise<void> {
  Logger.overrideLogger(['error']);
  let app: RunningApp | undefined;
  let floor: RunningFloor | undefined;
  let bare: RunningFloor[] = [];
  const startCeilings = (env: (platform: string) => Record<string, string> = () => ({})) =>
    Promise.all(CEILINGS.map((c) => startFloor(NEST_FLOOR, c.port, { FLOOR_PLATFORM: c.platform, ...env(c.platform) })));
  try {
    await (await openHistoryDatabase(config, database)).destroy();
    app = await startIngest();
    floor = await startFloor(FLOOR, PORTS.floor);
    bare = await startCeilings();
    const trackingId = `bench-status-${run}`;
    for (const { topic, event } of jobLife({ ending: 'completed', trackingId, epochs: 5 }).filter(
      (e) => e.event.type !== 'TrainingRequested',
    )) {
      await publisher.publish(TOPICS[topic], event);
    }
    const path = `/api/model-train/status/${trackingId}`;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await fetch(`${app.url}${path}`, { headers });
      if (res.ok && ((await res.json()) as { status: string }).status === 'completed') break;
      if (Date.now() > deadline) throw new Error(`${path} did not answer a completed status within 60 s`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const same = await Promise.all([app.url, floor.url].map((u) => fetch(`${u}${path}`, { headers }).then((r) => r.json())));
    if (JSON.stringify(same[0]) !== JSON.stringify(same[1]))
      throw new Error(`app and floor answer different JSON:\n${JSON.stringify(same)}`);

    say(`# status bench: AUTH=${AUTH}, LOG_LEVEL=${LOG_LEVEL}, ${SECONDS} s each in ${ROUNDS} turns; ratios app/floor`);
    let failed = false;
    for (const connections of CONNECTIONS) {
      const [ours, theirs, ...ceilings] = await loadInTurn(
        [app.url, floor.url, ...bare.map((b) => b.url)].map((u) => `${u}${path}`),
        { headers, connections, seconds: SECONDS },
        ROUNDS,
        [app, floor, ...bare].map((p) => p.process.pid),
      );
      say(compareLine(`GET /api/model-train/status/:id  ${connections} connections`, ours, theirs));
      for (const [i, { platform }] of CEILINGS.entries()) {
        say(compareLine(`  framework ceiling (bare Nest + ${platform}, same HGET) ${connections} connections`, ceilings[i], theirs));
      }
      failed ||= [ours, theirs, ...ceilings].some((r) => r.errors > 0);
      if (connections !== CONNECTIONS[0]) continue;
      // The app and the floor at one fixed rate both serve in full: CPU per request, and an open-loop client's tail.
      const rate = Math.max(100, Math.round(EQUAL_RATE_SHARE * ours.rps));
      const equal = await loadInTurn(
        [app.url, floor.url].map((u) => `${u}${path}`),
        { headers, connections, seconds: SECONDS, rate },
        ROUNDS,
        [app, floor].map((p) => p.process.pid),
      );
      say(compareLine(`  the same at an equal rate (${rate} req/s) ${connections} connections`, equal[0], equal[1]));
      failed ||= equal.some((r) => r.errors > 0);
    }

    if (PROFILE_SECONDS > 0) {
      // again under the profiler (all slower by its sampling): where each one's time per request goes
      await Promise.all([app.stop(), floor.stop(), ...bare.map((b) => b.stop())]);
      const appDir = profileDir('ingest');
      const floorDir = profileDir('status-floor');
      const bareDirs = Object.fromEntries(CEILINGS.map((c) => [c.platform, profileDir(`status-nest-${c.platform}`)]));
      app = await startIngest({ NODE_OPTIONS: profileOptions(appDir) });
      floor = await startFloor(FLOOR, PORTS.floor, { NODE_OPTIONS: profileOptions(floorDir) });
      bare = await startCeilings((platform) => ({ NODE_OPTIONS: profileOptions(bareDirs[platform]) }));
      await load(`${app.url}${path}`, { headers, connections: PROFILE_CONNECTIONS, seconds: 1 }); // warm-up
      const ours = await timedLoad(`${app.url}${path}`, PROFILE_CONNECTIONS, PROFILE_SECONDS);
      const theirs = await timedLoad(`${floor.url}${path}`, PROFILE_CONNECTIONS, PROFILE_SECONDS);
      const ceilings: (LoadResult & { from: number; to: number })[] = [];
      for (const b of bare) ceilings.push(await timedLoad(`${b.url}${path}`, PROFILE_CONNECTIONS, PROFILE_SECONDS));
      await Promise.all([app.stop(), floor.stop(), ...bare.map((b) => b.stop())]);
      app = floor = undefined;
      bare = [];
      say('');
      for (const line of breakdownLines(
        `app (ingest), ${PROFILE_CONNECTIONS} connections`,
        breakdownOf(appDir, ours.rps * PROFILE_SECONDS, ours),
      ))
        say(line);
      for (const line of breakdownLines(
        `floor, ${PROFILE_CONNECTIONS} connections`,
        breakdownOf(floorDir, theirs.rps * PROFILE_SECONDS, theirs),
      ))
        say(line);
      for (const [i, { platform }] of CEILINGS.entries()) {
        const b = breakdownOf(bareDirs[platform], ceilings[i].rps * PROFILE_SECONDS, ceilings[i]);
        for (const line of breakdownLines(`bare Nest + ${platform}, ${PROFILE_CONNECTIONS} connections`, b)) say(line);
      }
    }
    if (failed) process.exitCode = 1;
  } finally {
    await floor?.stop();
    await Promise.all(bare.map((b) => b.stop()));
    await app?.stop();
    await kafka.deleteGroups([group]).catch(() => undefined);
    await dropDatabase(config, database).catch(() => undefined);
    await kafka.onApplicationShutdown();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
