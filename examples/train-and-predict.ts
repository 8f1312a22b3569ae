/**
 * Upload a real CSV (Palmer penguins) in chunks, train a classifier, follow it live, predict a few rows.
 *
 *   npx tsx examples/train-and-predict.ts        # MODELSTREAM_URL, MODELSTREAM_INFERENCE_URL, MODELSTREAM_API_KEY
 *
 * MODELSTREAM_EXAMPLE_EPOCHS sets the epochs (default 30); MODELSTREAM_EXAMPLE_MODEL the registered model name.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvRecords, ModelstreamClient, ModelstreamError } from '@modelstream/client';

const DATA = join(__dirname, 'python/data/penguins.csv');

async function main(): Promise<number> {
  const epochs = Number(process.env.MODELSTREAM_EXAMPLE_EPOCHS ?? 30);
  const modelName = process.env.MODELSTREAM_EXAMPLE_MODEL || `penguins-${randomUUID().slice(0, 6)}`;
  const client = new ModelstreamClient(); // MODELSTREAM_URL / MODELSTREAM_INFERENCE_URL / MODELSTREAM_API_KEY
  console.log(`ingest ${client.ingestUrl}, inference ${client.inferenceUrl}`);

  const upload = await client.upload(DATA, {
    target: 'species',
    modelType: 'mlp_classifier',
    params: { epochs, hiddenLayers: [16], seed: 1 },
    modelName,
    chunkSize: 4096, // small on purpose: the file goes up in several chunks
    onProgress: (p) => console.log(`  chunk ${p.chunkIndex + 1}/${p.totalChunks} stored (${p.sentBytes}/${p.totalBytes} bytes)`),
  });
  console.log(`training job ${upload.trackingId}`);

  const job = await client.waitForJob(upload.trackingId, {
    timeoutMs: 600_000,
    onProgress: (s) => {
      const epoch = s.epoch ? ` epoch ${s.epoch}/${s.epochs}` : '';
      console.log(`  ${s.status.padEnd(9)} ${String(s.progress).padStart(5)}% ${s.stage ?? ''}${epoch}`);
    },
  });
  if (job.status !== 'completed' || !job.modelId) {
    console.error(`the job ended ${job.status}: ${job.error ?? 'no model'}`);
    return 1;
  }
  const metrics = ((job.result as { metrics?: Record<string, number> } | null)?.metrics ?? {}) as Record<string, number>;
  console.log(`registered ${job.modelId}: accuracy ${metrics.accuracy?.toFixed(3)}, f1 ${metrics.f1?.toFixed(3)}`);

  // a few complete rows of the same file, without their label
  const rows = csvRecords(readFileSync(DATA, 'utf8'))
    .filter((r) => Object.values(r).every((v) => v !== null && v !== 'NA'))
    .filter((_, i) => i % 40 === 0);
  const features = rows.map(({ species: _species, ...rest }) => rest);
  const answer = await client.predict(job.modelId, features);
  let right = 0;
  answer.predictions.forEach((p, i) => {
    if (!('label' in p)) return;
    const ok = p.label === rows[i].species;
    if (ok) right++;
    console.log(
      `  ${String(rows[i].island).padEnd(10)} bill ${rows[i].bill_length_mm} mm  flipper ${rows[i].flipper_length_mm} mm  → ${p.label.padEnd(10)} (${p.probabilities[p.label].toFixed(2)})  actual ${rows[i].species}${ok ? '' : '  ✗'}`,
    );
  });
  console.log(`${right}/${rows.length} predicted right`);
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof ModelstreamError ? `${error.name}: ${error.message}` : error);
    process.exitCode = error instanceof ModelstreamError && error.status >= 400 && error.status < 500 ? 3 : 4;
  },
);
