/**
 * Schemathesis against both OpenAPI documents, with AUTH=required and a key of every scope but admin: thousands of
 * generated requests (valid, and invalid on purpose) may get any documented 4xx, never a 5xx and never a status
 * the document does not name. The apps run in a namespace of their own (Kafka topics, Redis prefix, database), so
 * nothing the fuzzer creates reaches the other tests' trainers. Bounded in time (--max-time per document).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KafkaClient } from '@modelstream/kafka';
import { loadConfig } from '@modelstream/config';
import { createKey } from './support/access';
import { RunningApp, startApp, startTogether } from './support/app-process';
import { runId, testDatabase, TestDatabase } from './support/history-harness';

jest.setTimeout(600_000);

const root = join(__dirname, '..');
const run = runId();
const reports = join(root, '.stack/fuzz-reports', run);
const SECONDS_PER_DOCUMENT = Number(process.env.FUZZ_SECONDS ?? 75);

/** The requests of a run and the failures it found, from schemathesis's NDJSON event stream. */
function summary(ndjson: string): { requests: number; failures: string[] } {
  let requests = 0;
  const failures: string[] = [];
  for (const line of readFileSync(ndjson, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const event = JSON.parse(line) as Record<string, Record<string, unknown>>;
    const finished = event.ScenarioFinished;
    if (!finished) continue;
    const recorder = finished.recorder as {
      interactions?: Record<string, unknown>;
      checks?: Record<
        string,
        { status: string; name: string; failure_info?: { failure?: { operation?: string; title?: string; message?: string } } }[]
      >;
    };
    requests += Object.keys(recorder?.interactions ?? {}).length;
    for (const checks of Object.values(recorder?.checks ?? {})) {
      for (const c of checks) {
        const f = c.failure_info?.failure;
        if (c.status === 'failure')
          failures.push(`${f?.operation ?? '?'}: ${f?.title ?? c.name} (${(f?.message ?? '').replace(/\n/g, '; ')})`);
      }
    }
  }
  return { requests, failures: [...new Set(failures)] };
}

describe('schemathesis over both OpenAPI documents (AUTH=required)', () => {
  let db: TestDatabase;
  let ingest: RunningApp;
  let inference: RunningApp;
  let key: string;
  const namespace = `fuzz-${run}`;
  let totalRequests = 0;

  beforeAll(async () => {
    execFileSync('bash', [join(root, 'test/fuzz/setup-venv.sh')], { stdio: 'inherit' });
    mkdirSync(reports, { recursive: true });
    db = await testDatabase(loadConfig(), 'fuzz');
    const env = {
      AUTH: 'required',
      KAFKA_NAMESPACE: namespace,
      REDIS_KEY_PREFIX: `${namespace}:`,
      MARIADB_DATABASE: db.name,
      HISTORY_CONSUMER_GROUP: `${namespace}-history`,
      WATCHDOG_INTERVAL_MS: '0',
    };
    [ingest, inference] = await startTogether([startApp('ingest', 3611, env), startApp('inference', 3612, env)]);
    ({ key } = await createKey(`fuzzer-${run}`, 'read,train,predict', undefined, {
      MARIADB_DATABASE: db.name,
      KAFKA_NAMESPACE: namespace,
    }));
  });

  afterAll(async () => {
    await Promise.allSettled([ingest?.stop(), inference?.stop()]);
    const kafka = new KafkaClient(loadConfig());
    const admin = await kafka.getAdmin().catch(() => undefined);
    const topics = (await admin?.listTopics().catch(() => [] as string[])) ?? [];
    await admin?.deleteTopics({ topics: topics.filter((t) => t.startsWith(`${namespace}.`)) }).catch(() => undefined);
    await kafka.onApplicationShutdown();
    await db?.drop();
  });

  it.each([
    ['ingest', () => ingest.url],
    ['inference', () => inference.url],
  ])('answers the %s document’s generated requests with documented statuses, never a 5xx', (name, url) => {
    const ndjson = join(reports, `${name}.ndjson`);
    const cli = join(root, '.stack/fuzz-venv/bin/schemathesis');
    expect(existsSync(cli)).toBe(true);
    const result = spawnSync(
      cli,
      [
        'run',
        `${url()}/api/docs-json`,
        '--header',
        `Authorization: Bearer ${key}`,
        '--checks',
        'not_a_server_error,status_code_conformance',
        '--exclude-path',
        '/api/model-train/events', // a stream of every job: it never ends
        '--max-examples',
        '60',
        '--max-time',
        String(SECONDS_PER_DOCUMENT),
        '--workers',
        '2',
        '--request-timeout',
        '30',
        '--seed',
        String(parseInt(run, 16)),
        '--report',
        'ndjson',
        '--report-ndjson-path',
        ndjson,
        '--warnings',
        'off',
      ],
      { cwd: reports, encoding: 'utf8', timeout: (SECONDS_PER_DOCUMENT + 120) * 1000, env: { ...process.env, NO_COLOR: '1' } }, // its .schemathesis cache goes there
    );
    writeFileSync(join(reports, `${name}.txt`), `${result.stdout}\n${result.stderr}`);
    const { requests, failures } = summary(ndjson);
    process.stdout.write(`fuzz ${name}: ${requests} requests, ${failures.length} failures (seed ${parseInt(run, 16)})\n`);
    if (failures.length || result.status !== 0) process.stdout.write(`the whole output: ${join(reports, `${name}.txt`)}\n`);
    expect(failures).toEqual([]);
    expect(result.status).toBe(0);
    totalRequests += requests;
  });

  it('generated at least 2,000 requests over both documents', () => {
    expect(totalRequests).toBeGreaterThanOrEqual(2000);
  });
});
