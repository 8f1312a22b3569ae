/**
 * Helpers of the history e2e tests: a throwaway MariaDB database per test file, the ingest app started on
 * it with its own history consumer group, event publishing with the real EventPublisher, and snapshots of
 * the MariaDB history and the Redis status of given jobs, for field-by-field comparisons.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig, findProjectRoot, loadConfig } from '@modelstream/config';
import { TOPICS } from '@modelstream/contracts';
import { EventCodec, EventPublisher, KafkaClient } from '@modelstream/kafka';
import { HISTORY_TOPICS } from '@modelstream/ingest-ops';
import { dropDatabase, openHistoryDatabase, RedisKeys } from '@modelstream/storage';
import { RunningApp, startApp } from './app-process';
import { PlannedEvent } from './history-events';

export const runId = (): string => randomBytes(4).toString('hex');

export interface HistoryHarness {
  config: AppConfig;
  kafka: KafkaClient;
  codec: EventCodec;
  publisher: EventPublisher;
  redis: Redis;
  close(): Promise<void>;
}

export function harness(): HistoryHarness {
  const config = loadConfig();
  const kafka = new KafkaClient(config);
  const codec = new EventCodec(config);
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2 });
  return {
    config,
    kafka,
    codec,
    publisher: new EventPublisher(kafka, codec),
    redis,
    close: async () => {
      await Promise.allSettled([kafka.onApplicationShutdown(), redis.quit()]);
    },
  };
}

export interface TestDatabase {
  name: string;
  ds: DataSource;
  drop(): Promise<void>;
}

/** A fresh `modelstream_test_<random>` database with the migrations applied. */
export async function testDatabase(config: AppConfig, label = 'hist'): Promise<TestDatabase> {
  const name = `modelstream_test_${label}_${runId()}`;
  const ds = await openHistoryDatabase(config, name);
  return {
    name,
    ds,
    drop: async () => {
      await ds.destroy().catch(() => undefined);
      await dropDatabase(config, name);
    },
  };
}

/** The history consumer group of the app started by `startIngest` on `database`. */
export const historyGroupOf = (database: string): string => `modelstream-history-test-${database}`;

/** Deletes a test's consumer group once its app stopped (groups of past runs would pile up in Kafka). */
export async function deleteGroup(kafka: KafkaClient, groupId: string): Promise<void> {
  await kafka.deleteGroups([groupId]).catch(() => undefined);
}

/**
 * The built ingest app on `port`, projecting the history into `database` with its own consumer group. A new
 * group starts at the topics' end: it projects what the test publishes from now on, not every event the suites
 * that ran before it published into the namespace (which made a test's time depend on the suites' order). Pass
 * HISTORY_CONSUMER_GROUP in `env` to reuse a group where it stands.
 */
export async function startIngest(port: number, database: string, env: Record<string, string> = {}): Promise<RunningApp> {
  if (!env.HISTORY_CONSUMER_GROUP) {
    const kafka = new KafkaClient(loadConfig());
    try {
      await kafka.startGroupAtEnd(
        historyGroupOf(database),
        HISTORY_TOPICS.map((t) => t.name),
      );
    } finally {
      await kafka.onApplicationShutdown();
    }
  }
  return startApp('ingest', port, {
    MARIADB_DATABASE: database,
    HISTORY_CONSUMER_GROUP: historyGroupOf(database),
    WATCHDOG_INTERVAL_MS: '0',
    ...env,
  });
}

export async function publishAll(publisher: EventPublisher, events: PlannedEvent[]): Promise<void> {
  for (const { topic, event } of events) await publisher.publish(TOPICS[topic], event);
}

export async function getJson<T = unknown>(url: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  return { status: res.status, body: (await res.json()) as T };
}

export async function postJson<T = unknown>(url: string, body: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** Every history row of the given jobs, from the four tables, in a stable order. */
export async function historySnapshot(ds: DataSource, trackingIds: string[]): Promise<Record<string, unknown[]>> {
  const ids = [...trackingIds].sort();
  const q = (sql: string) => ds.query(sql, [ids]) as Promise<unknown[]>;
  return {
    jobs: await q('SELECT * FROM training_jobs WHERE tracking_id IN (?) ORDER BY tracking_id'),
    transitions: await q('SELECT * FROM job_status_transitions WHERE tracking_id IN (?) ORDER BY tracking_id, status'),
    metrics: await q('SELECT * FROM job_metrics WHERE tracking_id IN (?) ORDER BY tracking_id, kind, name, step'),
    cursors: await q('SELECT * FROM job_event_cursors WHERE tracking_id IN (?) ORDER BY tracking_id, topic'),
  };
}

/**
 * The Redis status records of the given jobs under a prefix, without the projector's clock (`updatedAt`, and
 * the view stamped with it) and its write tokens (`rev`): what a replay must rebuild equal.
 */
export async function redisSnapshot(redis: Redis, prefix: string, trackingIds: string[]): Promise<Record<string, Record<string, string>>> {
  const keys = new RedisKeys(prefix);
  const out: Record<string, Record<string, string>> = {};
  for (const id of [...trackingIds].sort()) {
    const { updatedAt: _clock, rev: _rev, view: _view, ...fields } = await redis.hgetall(keys.job(id));
    out[id] = fields;
  }
  return out;
}

/**
 * The STACK_DIR whose pid file names the live process of a service: the stack may have been started from
 * another STACK_DIR than this checkout's `.stack`, and scripts/stack.sh only stops what its STACK_DIR started.
 */
export function stackDirOf(service: string): string {
  const root = findProjectRoot(__dirname);
  const candidates = [
    process.env.STACK_DIR,
    join(root, '.stack'),
    ...readdirSync('/tmp')
      .filter((d) => d.startsWith('stack'))
      .map((d) => join('/tmp', d)),
  ];
  for (const dir of candidates) {
    if (!dir) continue;
    const pidFile = join(dir, 'run', `${service}.pid`);
    if (!existsSync(pidFile)) continue;
    try {
      process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 0);
      return dir;
    } catch {
      /* stale pid file */
    }
  }
  throw new Error(`no STACK_DIR runs ${service}: start the stack with scripts/stack.sh up`);
}

/** `scripts/stack.sh <action> <service>` for the stack in `stackDir`. */
export function stackService(action: 'up' | 'down', service: string, stackDir: string): void {
  const root = findProjectRoot(__dirname);
  execFileSync('bash', [join(root, 'scripts/stack.sh'), action, service], {
    cwd: root,
    stdio: 'pipe',
    timeout: 180_000,
    env: { ...process.env, STACK_DIR: stackDir },
  });
}
