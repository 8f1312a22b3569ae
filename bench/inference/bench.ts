/**
 * Inference bench: one cached model served by our inference app next to `mlflow models serve` serving the
 * matching scikit-learn model trained on the same data in the same run. Prints requests/s and p50/p99
 * latency for single-row and 100-row requests (the same dataframe_split body to both /invocations), the
 * ratios ours/MLflow, and the cold-load time of a model from MLflow.
 *
 * Then the floor: POST /api/predict with one row against the thinnest `node:http` server doing the same model's
 * forward pass (bench/inference/floor-server.ts), and the framework ceilings — bare Nest on express and on fastify
 * doing the same (nest-floor-server.ts), and fastify alone (fastify-floor-server.ts) — one after the other with
 * the same settings, as ratios; then the app and the floor at one fixed rate both serve in full (half the app's
 * requests/s): CPU per request, its kernel part and the machine's cross-CPU wake-ups per request (a server that
 * answers slower leaves the bench client idle more often, and waking an idle core costs an interrupt, dear on a VM,
 * on top of its own work); and unless BENCH_PROFILE=0, all again under `node --cpu-prof`: where a
 * prediction's CPU time goes, by stage. The app and the floor are loaded BENCH_ROUNDS times in turn, so the
 * machine's other load falls on both alike. The app runs as deployed: AUTH=required, predictions sent with a
 * `predict` key of the model's owner (so the owner check runs too), from a throwaway database of keys
 * (BENCH_AUTH=off: no access control); the floors are sent the same header.
 *
 *   bash bench/inference/setup-venv.sh && npx nest build trainer && npx nest build inference
 *   npx tsx --tsconfig tsconfig.json bench/inference/bench.ts        # BENCH_SECONDS=8 BENCH_CONNECTIONS=10
 *   # BENCH_MLFLOW=0: no mlflow serve peer (no venv needed); BENCH_VENV=<dir>/bin: a venv elsewhere
 *
 * Bounded in time: each load run lasts BENCH_SECONDS; the whole bench gives up after BENCH_DEADLINE_SECONDS.
 */
import autocannon from 'autocannon';
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ApiKeyStore } from '@modelstream/auth';
import { findProjectRoot, loadConfig } from '@modelstream/config';
import { LEGACY_OWNER } from '@modelstream/contracts';
import { syntheticDataset } from '@modelstream/ml';
import { dropDatabase, openHistoryDatabase } from '@modelstream/storage';
import { RunningApp, startApp } from '../../test/support/app-process';
import { call, csvRecords, typedRecords } from '../../test/support/inference-client';
import { PipelineTrainer } from '../../test/support/inference-training';
import { breakdownLines, breakdownOf, monotonicUs, profileDir, profileOptions } from '../support/cpu-profile';
import { compareLine, EQUAL_RATE_SHARE, load as loadFor, loadInTurn, RunningFloor, startFloor } from '../support/floor';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DEADLINE_SECONDS = Number(process.env.BENCH_DEADLINE_SECONDS ?? 600);
const PORTS = { inference: 3371, trainer: 3372, mlflowServe: 5971, floor: 3163 };
const FLOOR = join(__dirname, 'floor-server.ts');
/**
 * The framework ceilings, the same forward pass: bare Nest on each platform (bench/support/bare-nest.ts), and
 * fastify with no Nest on top (fastify-floor-server.ts).
 */
const CEILINGS = [
  { name: 'bare Nest + express', key: 'nest-express', script: join(__dirname, 'nest-floor-server.ts'), platform: 'express', port: 3165 },
  { name: 'bare Nest + fastify', key: 'nest-fastify', script: join(__dirname, 'nest-floor-server.ts'), platform: 'fastify', port: 3166 },
  { name: 'fastify alone, no Nest', key: 'fastify', script: join(__dirname, 'fastify-floor-server.ts'), platform: 'fastify', port: 3167 },
] as const;
const MLFLOW_PEER = process.env.BENCH_MLFLOW !== '0';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const PROFILE_SECONDS = process.env.BENCH_PROFILE === '0' ? 0 : Number(process.env.BENCH_PROFILE_SECONDS ?? 5);
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info';
const AUTH = process.env.BENCH_AUTH ?? 'required';

const root = findProjectRoot(__dirname);
const venv = process.env.BENCH_VENV ?? join(root, '.stack/bench-venv/bin');
const config = loadConfig();
const children: ChildProcess[] = [];
const apps: RunningApp[] = [];
const floors: RunningFloor[] = [];
const keysDatabase = `modelstream_bench_inference_${randomUUID().slice(0, 8)}`;
/** The Authorization headers of each key (none with AUTH=off). */
const auth = { predict: {} as Record<string, string>, admin: {} as Record<string, string> };

/**
 * The app's environment as deployed: AUTH=required against a throwaway database holding a `predict` key of the
 * models' owner (the bench's models are the legacy owner's: trained with no key) and an admin key for the cache.
 */
async function deployedEnv(): Promise<Record<string, string>> {
  if (AUTH !== 'required') return { AUTH };
  const ds = await openHistoryDatabase(config, keysDatabase);
  try {
    const store = new ApiKeyStore(ds);
    const create = async (name: string, scope: 'predict' | 'admin', ownerId: string) =>
      (await store.create({ name, ownerId, scopes: [scope], createdBy: 'bench' })).key;
    auth.predict = { authorization: `Bearer ${await create('bench-predict', 'predict', LEGACY_OWNER)}` };
    auth.admin = { authorization: `Bearer ${await create('bench-admin', 'admin', 'bench')}` };
  } finally {
    await ds.destroy();
  }
  return { AUTH, MARIADB_DATABASE: keysDatabase };
}

interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(url: string, body: string): Promise<LoadResult> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth.predict },
    body,
    connections: CONNECTIONS,
    duration: SECONDS,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

async function mlflowServe(modelUri: string): Promise<string> {
  const child = spawn(
    join(venv, 'mlflow'),
    ['models', 'serve', '-m', modelUri, '--env-manager', 'local', '-h', '127.0.0.1', '-p', String(PORTS.mlflowServe), '--workers', '1'],
    {
      env: { ...process.env, PATH: `${venv}:${process.env.PATH}`, MLFLOW_TRACKING_URI: config.MLFLOW_TRACKING_URI },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  children.push(child);
  let log = '';
  child.stdout!.on('data', (c: Buffer) => (log += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
  const url = `http://127.0.0.1:${PORTS.mlflowServe}`;
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`mlflow models serve exited with ${child.exitCode}:\n${log.slice(-3000)}`);
    const ok = await fetch(`${url}/ping`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return url;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`mlflow models serve did not answer /ping within 180 s:\n${log.slice(-3000)}`);
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');

async function main(): Promise<void> {
  const started = Date.now();
  const run = randomUUID().slice(0, 8);
  const modelName = `inference-bench-${run}`;
  const data = syntheticDataset({ relation: 'linear-binary', rows: 2000, features: 8, categorical: true, seed: 21 });
  const dir = mkdtempSync(join(tmpdir(), 'inference-bench-'));
  const csvPath = join(dir, 'data.csv');
  writeFileSync(csvPath, data.csv);

  console.log(`# inference bench (${SECONDS}s per run, ${CONNECTIONS} connections)`);
  console.log(`training the TF.js logistic_regression through the pipeline as ${modelName} …`);
  apps.push(await startApp('trainer', PORTS.trainer));
  const pipeline = new PipelineTrainer();
  const trained = await pipeline.train({ modelName, csv: data.csv, target: 'target', modelType: 'logistic_regression' });
  await pipeline.close();
  console.log(`  ${trained.modelId}: validation accuracy ${trained.metrics.accuracy.toFixed(4)}`);

  const features = data.columns.filter((c) => c !== 'target');
  let twin: { model_uri: string; train_accuracy: number } | undefined;
  if (MLFLOW_PEER) {
    console.log('training the scikit-learn twin on the same CSV and logging it to MLflow …');
    const { stdout } = await promisify(execFile)(
      join(venv, 'python'),
      [join(__dirname, 'sklearn_model.py'), csvPath, 'target', features.join(','), config.MLFLOW_TRACKING_URI, 'inference-bench'],
      { timeout: 300_000, maxBuffer: 10_000_000 },
    );
    twin = JSON.parse(stdout.split('\n').findLast((l) => l.startsWith('{'))!) as { model_uri: string; train_accuracy: number };
    console.log(`  ${twin.model_uri}: training accuracy ${twin.train_accuracy.toFixed(4)}`);
  }
  await apps.pop()!.stop(); // the trainer: its CPU is the apps'

  const appEnv = { LOG_LEVEL, ...(await deployedEnv()) };
  let app = await startApp('inference', PORTS.inference, appEnv);
  apps.push(app);
  const mlflowUrl = twin ? await mlflowServe(twin.model_uri) : undefined;

  // Cold load: evict, then load again from MLflow (download + TF.js model build), five times.
  const versionPath = `${app.url}/api/models/${modelName}/versions/${trained.modelVersion}`;
  const cold: number[] = [];
  for (let i = 0; i < 5; i++) {
    await call(`${versionPath}/cache`, { method: 'DELETE', headers: auth.admin });
    const t = performance.now();
    const res = await call(`${versionPath}/load`, { method: 'POST', headers: auth.admin });
    if (res.status !== 201) throw new Error(`load answered ${res.status}: ${JSON.stringify(res.body)}`);
    cold.push(performance.now() - t);
  }
  cold.sort((a, b) => a - b);

  const rows = typedRecords(csvRecords(data.csv)).map((r) => features.map((c) => r[c]));
  const body = (n: number) => JSON.stringify({ dataframe_split: { columns: features, data: rows.slice(0, n) } });

  const results: { name: string; ours: LoadResult; mlflow: LoadResult }[] = [];
  let agree = 0;
  if (mlflowUrl) {
    // Both answer the same labels for the same rows (same data, same kind of model).
    const ours = (
      await call<{ predictions: string[] }>(`${versionPath}/invocations`, {
        body: body(100),
        contentType: 'application/json',
        headers: auth.predict,
      })
    ).body;
    const theirs = (await call<{ predictions: string[] }>(`${mlflowUrl}/invocations`, { body: body(100), contentType: 'application/json' }))
      .body;
    agree = ours.predictions.filter((p, i) => String(p) === String(theirs.predictions[i])).length;
    for (const n of [1, 100]) {
      if ((Date.now() - started) / 1000 > DEADLINE_SECONDS - 3 * SECONDS) throw new Error('bench deadline reached');
      const oursResult = await load(`${versionPath}/invocations`, body(n));
      const mlflowResult = await load(`${mlflowUrl}/invocations`, body(n));
      results.push({ name: `${n} row${n > 1 ? 's' : ''}`, ours: oursResult, mlflow: mlflowResult });
    }
  }
  const predictBody = JSON.stringify({ modelId: trained.modelId, features: [Object.fromEntries(features.map((c, i) => [c, rows[0][i]]))] });
  const plainSingle = await load(`${app.url}/api/predict`, predictBody);

  // The floor: the same model's forward pass behind node:http, loaded right after the app with the same settings.
  const floorEnv = { FLOOR_MODEL_NAME: modelName, FLOOR_MODEL_VERSION: String(trained.modelVersion) };
  let floor = await startFloor(FLOOR, PORTS.floor, floorEnv);
  floors.push(floor);
  const startCeilings = (env: (key: string) => Record<string, string> = () => ({})) =>
    Promise.all(CEILINGS.map((c) => startFloor(c.script, c.port, { ...floorEnv, FLOOR_PLATFORM: c.platform, ...env(c.key) })));
  let bare = await startCeilings();
  floors.push(...bare);
  const predictOptions = {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth.predict },
    body: predictBody,
    connections: CONNECTIONS,
  };
  const [appPredict, floorPredict, ...ceilings] = await loadInTurn(
    [app.url, floor.url, ...bare.map((b) => b.url)].map((u) => `${u}/api/predict`),
    { ...predictOptions, seconds: 2 * SECONDS },
    ROUNDS,
    [app, floor, ...bare].map((p) => p.process.pid),
  );
  // The same two again at one fixed rate both serve in full: the bench client's idleness (which costs the slower server
  // more wake-ups) is no part of the CPU per request, and the tail is an open-loop client's.
  const equalRate = Math.max(100, Math.round(EQUAL_RATE_SHARE * appPredict.rps));
  const [appEqual, floorEqual] = await loadInTurn(
    [app.url, floor.url].map((u) => `${u}/api/predict`),
    { ...predictOptions, seconds: SECONDS, rate: equalRate },
    ROUNDS,
    [app, floor].map((p) => p.process.pid),
  );
  const profiles: string[] = [];
  if (PROFILE_SECONDS > 0) {
    await Promise.all([app.stop(), floor.stop(), ...bare.map((b) => b.stop())]);
    const appDir = profileDir('inference');
    const floorDir = profileDir('predict-floor');
    const bareDirs = Object.fromEntries(CEILINGS.map((c) => [c.key, profileDir(`predict-${c.key}`)]));
    app = await startApp('inference', PORTS.inference, { ...appEnv, NODE_OPTIONS: profileOptions(appDir) });
    apps.push(app);
    floor = await startFloor(FLOOR, PORTS.floor, { ...floorEnv, NODE_OPTIONS: profileOptions(floorDir) });
    floors.push(floor);
    bare = await startCeilings((key) => ({ NODE_OPTIONS: profileOptions(bareDirs[key]) }));
    floors.push(...bare);
    for (const url of [app.url, floor.url, ...bare.map((b) => b.url)])
      await loadFor(`${url}/api/predict`, { ...predictOptions, seconds: 1 }); // warm-up, model load
    const window = () => monotonicUs();
    const a0 = window();
    const ours = await loadFor(`${app.url}/api/predict`, { ...predictOptions, seconds: PROFILE_SECONDS });
    const a1 = window();
    const theirs = await loadFor(`${floor.url}/api/predict`, { ...predictOptions, seconds: PROFILE_SECONDS });
    const f1 = window();
    const bareRuns: (LoadResult & { from: number; to: number })[] = [];
    for (const b of bare) {
      const from = window();
      const result = await loadFor(`${b.url}/api/predict`, { ...predictOptions, seconds: PROFILE_SECONDS });
      bareRuns.push({ ...result, from, to: window() });
    }
    await Promise.all([app.stop(), floor.stop(), ...bare.map((b) => b.stop())]);
    profiles.push(
      ...breakdownLines(`app (inference), POST /api/predict 1 row`, breakdownOf(appDir, ours.rps * PROFILE_SECONDS, { from: a0, to: a1 })),
      ...breakdownLines(`floor, 1 row`, breakdownOf(floorDir, theirs.rps * PROFILE_SECONDS, { from: a1, to: f1 })),
      ...CEILINGS.flatMap(({ name, key }, i) =>
        breakdownLines(`${name}, 1 row`, breakdownOf(bareDirs[key], bareRuns[i].rps * PROFILE_SECONDS, bareRuns[i])),
      ),
    );
  }

  console.log('');
  console.log(`cold load from MLflow (evict + POST …/load, 5 runs): median ${ms(cold[2])}, min ${ms(cold[0])}, max ${ms(cold[4])}`);
  if (mlflowUrl) console.log(`labels agreeing with the scikit-learn twin on 100 rows: ${agree}/100`);
  console.log('');
  console.log('| request | modelstream req/s | p50 | p99 | mlflow serve req/s | p50 | p99 | req/s ratio | p50 ratio | p99 ratio |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.name} | ${r.ours.rps.toFixed(0)} | ${ms(r.ours.p50)} | ${ms(r.ours.p99)} | ${r.mlflow.rps.toFixed(0)} | ${ms(r.mlflow.p50)} | ${ms(r.mlflow.p99)} | ${ratio(r.ours.rps, r.mlflow.rps)} | ${ratio(r.ours.p50, r.mlflow.p50)} | ${ratio(r.ours.p99, r.mlflow.p99)} |`,
    );
  }
  console.log(`| 1 row, POST /api/predict | ${plainSingle.rps.toFixed(0)} | ${ms(plainSingle.p50)} | ${ms(plainSingle.p99)} | | | | | | |`);
  const errors = [...results.flatMap((r) => [r.ours.errors, r.mlflow.errors]), plainSingle.errors].reduce((a, b) => a + b, 0);
  console.log(`\nratios are modelstream / mlflow serve (req/s: higher is better for us; latency: lower is better). errors: ${errors}`);
  console.log('');
  console.log(
    `# against the floor (node:http + the same forward pass), AUTH=${AUTH}, LOG_LEVEL=${LOG_LEVEL}, ${CONNECTIONS} connections, ${2 * SECONDS} s each in ${ROUNDS} turns`,
  );
  console.log(compareLine('POST /api/predict 1 row', appPredict, floorPredict));
  console.log(compareLine(`  the same at an equal rate (${equalRate} req/s, ${SECONDS} s each)`, appEqual, floorEqual));
  for (const [i, { name }] of CEILINGS.entries()) {
    console.log(compareLine(`  framework ceiling (${name}, same forward pass)`, ceilings[i], floorPredict));
  }
  if (profiles.length) console.log(['', ...profiles].join('\n'));
  console.log(`total bench time ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

async function cleanup(): Promise<void> {
  for (const child of children) {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM'); // mlflow serve's own group (uvicorn workers included)
      } catch {
        /* already gone */
      }
    }
  }
  await Promise.all([...apps.map((a) => a.stop()), ...floors.map((f) => f.stop())]);
  if (AUTH === 'required') await dropDatabase(config, keysDatabase).catch(() => undefined);
}

const timer = setTimeout(() => {
  console.error(`bench: over its ${DEADLINE_SECONDS} s deadline, stopping`);
  void cleanup().finally(() => process.exit(2));
}, DEADLINE_SECONDS * 1000);

main()
  .then(cleanup, async (error: unknown) => {
    console.error(error);
    await cleanup();
    process.exitCode = 1;
  })
  .finally(() => {
    clearTimeout(timer);
    setTimeout(() => process.exit(), 500).unref();
  });
