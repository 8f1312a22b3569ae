/**
 * Upload a dataset once (train=false), sweep three model families over it across the trainer group, print the
 * leaderboard and put an alias on the best version; then predict through the alias.
 *
 *   npx tsx examples/parallel-sweep.ts           # MODELSTREAM_URL, MODELSTREAM_INFERENCE_URL, MODELSTREAM_API_KEY
 *
 * The task: a penguin's body mass (grams) from its measurements, species and island, scored by R².
 * MODELSTREAM_EXAMPLE_EPOCHS sets the epochs of every run (default 30); MODELSTREAM_EXAMPLE_MODEL the model name.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvRecords, ModelstreamClient, ModelstreamError, type Sweep } from '@modelstream/client';

const DATA = join(__dirname, 'python/data/penguins.csv');
const FAMILIES = ['linear_regression', 'ridge_regression', 'mlp_regressor'];
const ALIAS = 'champion';

async function main(): Promise<number> {
  const epochs = Number(process.env.MODELSTREAM_EXAMPLE_EPOCHS ?? 30);
  const modelName = process.env.MODELSTREAM_EXAMPLE_MODEL || `penguin-mass-${randomUUID().slice(0, 6)}`;
  const client = new ModelstreamClient();

  const upload = await client.upload(DATA, { train: false, chunkSize: 4096 });
  const datasetId = upload.datasetId ?? (await client.getStatus(upload.trackingId)).datasetId;
  if (!datasetId) throw new Error(`upload ${upload.trackingId} did not become a dataset`);
  const dataset = await client.getDataset(datasetId);
  console.log(`dataset ${datasetId}: ${dataset.rows} rows, ${dataset.columns.length} columns (uploaded once)`);

  const sweep = await client.createSweep(datasetId, {
    modelTypes: FAMILIES,
    target: 'body_mass_g',
    metric: 'r2',
    grid: { epochs: [epochs], learningRate: [0.01, 0.05] },
    modelName,
  });
  console.log(`sweep ${sweep.sweepId}: ${sweep.combinations.length} trainings across the trainer group`);

  let lastDone = -1;
  const done = await client.waitForSweep(sweep.sweepId, {
    intervalMs: 1000,
    timeoutMs: 1_200_000,
    onUpdate: (s: Sweep) => {
      const final = s.leaderboard.filter((e) => ['completed', 'failed', 'cancelled'].includes(e.status)).length;
      if (final !== lastDone) console.log(`  ${final}/${s.leaderboard.length} final`);
      lastDone = final;
    },
  });

  console.log('\nrank  model              params                         status     r2       version');
  for (const e of done.leaderboard) {
    const params = Object.entries(e.params)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(', ');
    console.log(
      `${String(e.rank).padEnd(5)} ${e.modelType.padEnd(18)} ${params.padEnd(30)} ${e.status.padEnd(10)} ${e.score === null ? '-'.padEnd(8) : e.score.toFixed(4).padEnd(8)} ${e.modelVersion ?? '-'}`,
    );
  }

  const best = done.leaderboard.find((e) => e.status === 'completed' && e.score !== null && e.modelVersion);
  if (!best) {
    console.error('no run completed: nothing to promote');
    return 1;
  }
  const alias = await client.setAlias(modelName, ALIAS, best.modelVersion!);
  console.log(`\nmodels:/${modelName}@${ALIAS} → version ${alias.version} (${best.modelType}, r2 ${best.score!.toFixed(3)})`);

  const rows = csvRecords(readFileSync(DATA, 'utf8'))
    .filter((r) => Object.values(r).every((v) => v !== null && v !== 'NA'))
    .slice(0, 3);
  const answer = await client.predict(
    `models:/${modelName}@${ALIAS}`,
    rows.map(({ body_mass_g: _mass, ...rest }) => rest),
  );
  console.log(
    'predicted body mass (g):',
    answer.predictions.map((p, i) => `${'value' in p ? Math.round(p.value) : '?'} (actual ${rows[i].body_mass_g})`).join(', '),
  );
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof ModelstreamError ? `${error.name}: ${error.message}` : error);
    process.exitCode = error instanceof ModelstreamError && error.status >= 400 && error.status < 500 ? 3 : 4;
  },
);
