/**
 * The chaos suite: faults injected on purpose while the platform works, on the private stack (never a user's).
 * Each round sends 20 concurrent uploads of a real file, 6 of them asking for a training spread over 2 trainer
 * instances, and injects one kind of fault meanwhile: the Kafka broker killed with SIGKILL and restarted; a
 * trainer killed with SIGKILL at a random epoch, five times; MariaDB, Redis, MLflow and the object store each
 * stopped for 20 s. After each round the invariants of ./invariants.ts must hold. The run is bounded (every
 * wait has a deadline) and works in a namespace of its own (topics, groups, Redis prefix, database), so runs
 * in a row start clean on a stack that keeps its history.
 *
 *   npm run test:chaos   (after `npm run build`; scripts/test.sh runs it last)
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrainingEvent } from '@modelstream/contracts';
import { flushStatusKeys } from '@modelstream/ingest-ops';
import { TOPICS } from '@modelstream/contracts';
import { ObjectStore } from '@modelstream/storage';
import { RunningApp, startApp } from '../support/app-process';
import { harness, HistoryHarness, runId, testDatabase, TestDatabase } from '../support/history-harness';
import { seededRng } from '../support/job-lives';
import { FINAL_EVENTS, TrainerHarness } from '../support/trainer-harness';
import { killAndRestart, stopFor, TrainerPool } from './faults';
import { newDeadLetters, replayDifferences, settleJobs, unreadableChunks } from './invariants';
import { badAnswers, UploadOutcome, UploadPlan, Workload } from './workload';

jest.setTimeout(300_000);

const run = runId();
const seed = parseInt(run, 16);
const rng = seededRng(seed);
// The run's own namespace, read by every client and app below (loadConfig happens after this).
const appEnv = {
  KAFKA_NAMESPACE: `chaos-${run}.`,
  REDIS_KEY_PREFIX: `test:chaos-${run}:`,
  // a killed trainer's jobs move to the other instance after 10 s instead of 30
  KAFKA_SESSION_TIMEOUT_MS: '10000',
  WATCHDOG_INTERVAL_MS: '0',
};
Object.assign(process.env, appEnv);

const UPLOADS = 20;
const TRAININGS = 6;
/** A job interrupted 4 times fails by design (the trainer's MAX_ATTEMPTS): a job killed at most twice still completes. */
const KILLS_PER_JOB = 2;
const seconds = (from: number, to: number) => `${Math.round((to - from) / 1000)} s`;
/** Dead letters already seen (partition:offset). */
const deadLetters = new Set<string>();
/** A failed round keeps the run's topics, Redis keys and database for a look afterwards. */
let failedRounds = 0;
const figures = { requests: 0, faults: 0, chunksChecked: 0, jobsChecked: 0, replayedEvents: 0, rounds: [] as string[] };

describe(`chaos (seed ${seed}, namespace chaos-${run}.)`, () => {
  let h: HistoryHarness;
  let db: TestDatabase;
  let ingest: RunningApp;
  let store: ObjectStore;
  let workload: Workload;
  let watcher: TrainerHarness;
  const trainers = new TrainerPool(appEnv);

  beforeAll(async () => {
    h = harness();
    await h.kafka.ensureTopics(Object.values(TOPICS));
    db = await testDatabase(h.config, 'chaos');
    store = new ObjectStore(h.config);
    watcher = new TrainerHarness();
    await watcher.start();
    ingest = await startApp('ingest', 3420, { ...appEnv, LOG_LEVEL: 'info', MARIADB_DATABASE: db.name }, 120_000);
    await Promise.all([trainers.start(`chaos-${run}-a`, 3421), trainers.start(`chaos-${run}-b`, 3422)]);
    workload = new Workload(ingest.url, run);
  }, 240_000);

  afterAll(async () => {
    figures.requests = workload?.answers.length ?? 0;
    process.stdout.write(`\n[chaos] seed ${seed}: ${JSON.stringify(figures)}\n`);
    await Promise.allSettled([ingest?.stop(), trainers.stopAll(), watcher?.stop()]);
    if (failedRounds > 0) {
      const logs = join(process.env.STACK_DIR ?? tmpdir(), 'logs', `chaos-${run}`);
      trainers.saveLogs(logs);
      if (ingest) writeFileSync(join(logs, 'ingest.log'), ingest.output());
      process.stdout.write(
        `[chaos] kept for a look: topics chaos-${run}.*, Redis ${appEnv.REDIS_KEY_PREFIX}*, database ${db?.name}, app logs in ${logs}\n`,
      );
      store?.onApplicationShutdown();
      await h?.close();
      return;
    }
    await h.kafka.deleteTopics(Object.values(TOPICS).map((t) => t.name)).catch(() => undefined);
    await flushStatusKeys(h.redis, appEnv.REDIS_KEY_PREFIX).catch(() => undefined);
    await db?.drop();
    store?.onApplicationShutdown();
    await h?.close();
  }, 120_000);

  /**
   * Injects a round's fault(s) while the load runs and resolves to how many; `more` sends one more upload that asks for
   * a training, which the round's checks then cover too.
   */
  type Inject = (startedAt: number, more: () => void) => Promise<number>;

  /** One round: the load, the fault meanwhile (`inject`), then every invariant; a failed one keeps the run's data. */
  async function round(name: string, epochs: number, inject: Inject): Promise<void> {
    try {
      await loadFaultAndCheck(name, epochs, inject);
    } catch (error) {
      failedRounds++;
      throw error;
    }
  }

  async function loadFaultAndCheck(name: string, epochs: number, inject: Inject): Promise<void> {
    const firstAnswer = workload.answers.length;
    const firstAck = workload.acked.length;
    const plan = (i: number): UploadPlan => ({
      label: `${name}-${i}`,
      training:
        i < TRAININGS || i >= UPLOADS
          ? { modelType: 'mlp_classifier', params: { epochs, hiddenLayers: [16], batchSize: 16 }, modelName: `chaos-${run}-${name}-${i}` }
          : undefined,
    });
    const extra: Array<Promise<UploadOutcome[]>> = [];
    const more = () => extra.push(workload.uploadAll([plan(UPLOADS + extra.length)], 240_000));
    const startedAt = Date.now();
    const [planned, injected] = await Promise.all([
      workload.uploadAll(
        Array.from({ length: UPLOADS }, (_, i) => plan(i)),
        240_000,
      ),
      inject(startedAt, more),
    ]);
    const outcomes = [...planned, ...(await Promise.all(extra)).flat()];
    figures.faults += injected;
    expect(outcomes.filter((o) => o.error)).toEqual([]);
    const loadedAt = Date.now();

    const ids = outcomes.map((o) => o.trackingId!);
    const settled = await settleJobs(ingest.url, ids, 240_000, workload);
    if (settled.problems.length) settled.problems.push(...(await newDeadLetters(ingest.url, deadLetters)));
    expect(settled.problems).toEqual([]);
    const settledAt = Date.now();
    const acked = workload.acked.slice(firstAck);
    expect(await unreadableChunks(store, h.config.S3_BUCKET_UPLOADS, acked)).toEqual([]);
    const replay = await replayDifferences({ ...h, liveDatabase: db, livePrefix: appEnv.REDIS_KEY_PREFIX }, ids, name);
    expect(replay.problems).toEqual([]);
    expect(badAnswers(workload.answers.slice(firstAnswer))).toEqual([]);
    expect(await newDeadLetters(ingest.url, deadLetters)).toEqual([]);

    const ended = [...settled.statuses.values()];
    const count = (s: string) => ended.filter((x) => x === s).length;
    figures.chunksChecked += acked.length;
    figures.jobsChecked += ids.length;
    figures.replayedEvents = replay.events;
    const summary =
      `${name}: ${injected} fault(s), ${acked.length} chunks, ${count('completed')} completed / ${count('failed')} failed / ` +
      `${count('cancelled')} cancelled, ${workload.answers.length - firstAnswer} requests in ${seconds(startedAt, Date.now())} ` +
      `(load ${seconds(startedAt, loadedAt)}, settling ${seconds(loadedAt, settledAt)}, checks ${seconds(settledAt, Date.now())})`;
    figures.rounds.push(summary);
    const answered = new Map<string, number>();
    for (const a of workload.answers.slice(firstAnswer)) answered.set(String(a.status), (answered.get(String(a.status)) ?? 0) + 1);
    const failed = [...settled.statuses].filter(([, s]) => s === 'failed').map(([id]) => id);
    const reasons = await Promise.all(
      failed.map(
        async (id) => ((await (await fetch(`${ingest.url}/api/model-train/status/${id}`)).json()) as { error: string | null }).error,
      ),
    );
    process.stdout.write(
      `[chaos] ${summary}; answers ${JSON.stringify(Object.fromEntries(answered))}${reasons.map((r) => `\n  failed: ${r}`).join('')}\n`,
    );
  }

  /** Waits until the load has `n` more chunks acknowledged than at `from`. */
  const acknowledged = async (from: number, n: number) => {
    const deadline = Date.now() + 60_000;
    while (workload.acked.length < from + n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  };

  it('the Kafka broker killed (SIGKILL) and restarted during the load', async () => {
    const from = workload.acked.length;
    await round('kafka', 20, async () => {
      await acknowledged(from, 15);
      await killAndRestart('kafka');
      return 1;
    });
  });

  it('a trainer killed (SIGKILL) at a random epoch, five times', async () => {
    // Each kill takes one of the jobs killed least so far. A kill and the group's rejoin take ~10 s, and 600 epochs
    // train in 2.5–12 s depending on the machine: when every job of the run has ended (or was killed KILLS_PER_JOB
    // times), one more upload asks for a training, so the fifth kill still finds one in training.
    await round('trainers', 600, async (_, more) => {
      const kills = new Map<string, number>();
      let lastKill = 0;
      for (let kill = 0; kill < 5; kill++) {
        const epoch = 2 + Math.floor(rng() * 8);
        const victim = await trainerAtEpoch(epoch, lastKill, 120_000, kills, more);
        kills.set(victim.trackingId, (kills.get(victim.trackingId) ?? 0) + 1);
        lastKill = Date.now();
        await trainers.killAndRestart(victim.trainer);
      }
      return 5;
    });
  });

  for (const service of ['mariadb', 'redis', 'mlflow', 'object-store'] as const) {
    it(`${service} stopped for 20 s during the load`, async () => {
      const from = workload.acked.length;
      await round(service, 20, async () => {
        await acknowledged(from, 10);
        await stopFor(service, 20_000);
        return 1;
      });
    });
  }

  /**
   * A job (and the client id of its trainer) that reported `epoch` or later as its latest event after `since`, killed
   * fewer than KILLS_PER_JOB times: of those, one killed least. When no job of the run is left to end but capped ones,
   * `more` adds an upload that asks for a training (at most one every 5 s).
   */
  async function trainerAtEpoch(
    epoch: number,
    since: number,
    timeoutMs: number,
    kills: ReadonlyMap<string, number>,
    more: () => void,
  ): Promise<{ trainer: string; trackingId: string }> {
    const deadline = Date.now() + timeoutMs;
    let added = 0;
    while (Date.now() < deadline) {
      let victim: { trainer: string; trackingId: string; kills: number } | null = null;
      let unfinished = false;
      for (const id of workload.trainingIds) {
        const killed = kills.get(id) ?? 0;
        const events = watcher.eventsOf(id);
        const last: TrainingEvent | undefined = events[events.length - 1];
        if (killed >= KILLS_PER_JOB || (last && FINAL_EVENTS.has(last.type))) continue;
        unfinished = true; // requested (or about to be) and not ended: it will train
        const atEpoch = last?.type === 'TrainingProgress' && last.payload.stage === 'training' && (last.payload.epoch ?? 0) >= epoch;
        if (atEpoch && last.timestamp > since && trainers.has(last.producer) && (!victim || killed < victim.kills)) {
          victim = { trainer: last.producer, trackingId: id, kills: killed };
        }
      }
      if (victim) return victim;
      if (!unfinished && Date.now() - added > 5000) {
        more();
        added = Date.now();
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no job reached epoch ${epoch} within ${timeoutMs} ms:\n${trainers.output()}`);
  }
});
