/**
 * Our side of the bench, in a fresh process per family (so its max RSS is that family's): the trainer's
 * own path from CSV bytes to a fitted model — readCsvTable → prepareDataset → fitFamily — on the backend
 * the trainer picks. Time to quality comes from fitFamily's progress hooks: every EpochLog (an epoch, a
 * solver iteration or a batch of trees) carries the validation metric, stamped with the wall time since
 * the fit started. Prints `SEED {json}` per seed and `RESULT {json}` at the end, like peer.py.
 *
 *   npx tsx bench/train/node-side.ts '<SideJob as JSON>'
 */
import { createReadStream, readFileSync } from 'node:fs';
import { getModelSpec, type HyperParams } from '@modelstream/contracts';
import {
  evaluateModel,
  fitFamily,
  initBackendChoice,
  type PreparedDataset,
  prepareDataset,
  readCsvTable,
  type TrainOutcome,
  warmUpLoadPath,
} from '@modelstream/ml';
import { SPLIT_SEED, VALIDATION_SPLIT } from './datasets';
import { medianRun, metricOf, type SeedRun, StopRule, type TracePoint } from './quality';
import type { SideJob, SideResult } from './sides';

const num = (params: HyperParams, key: string, fallback: number): number => (typeof params[key] === 'number' ? params[key] : fallback);

async function runOurs(job: SideJob): Promise<void> {
  const { backend, skipped } = await initBackendChoice();
  // As the trainer does at start-up: the load path compiled before the first dataset (0.16 → 0.12 s on 17 MB).
  await warmUpLoadPath();
  const baselineRssMb = process.memoryUsage().rss / 2 ** 20;
  const spec = getModelSpec(job.family);
  const loadStarted = performance.now();
  // 1 MiB reads of the local file (Node's default is 64 KiB; pandas' C reader also reads in large blocks):
  // the trainer's bytes come from the object store's HTTP stream instead.
  const table = await readCsvTable(createReadStream(job.file.path, { highWaterMark: 1 << 20 }));
  const prepared = prepareDataset(table, {
    target: job.file.target,
    problemType: spec.problemType,
    validationSplit: VALIDATION_SPLIT,
    seed: SPLIT_SEED,
  });
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  checkSplit(prepared.validation, job.file.validationPath);
  let fitBackend = backend as string;
  for (const seed of job.seeds) {
    const repeats: SeedRun[] = [];
    for (let r = 0; r < job.repeats; r++) {
      const { run, fitBackend: used } = await fitOnce(job, prepared, seed);
      repeats.push(run);
      fitBackend = used;
    }
    process.stdout.write(`SEED ${JSON.stringify({ ...medianRun(repeats), repeats: repeats.length })}\n`);
  }
  const result: SideResult = {
    side: `ours (${fitBackend})`,
    backendNote: skipped.length ? skipped.map((s) => `${s.backend} skipped: ${s.reason}`).join('; ') : undefined,
    loadSeconds,
    rowsTrain: prepared.rows.train,
    inputDim: prepared.data.inputDim,
    baselineRssMb,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

/** One fit of one seed, its trace stamped from the call of fitFamily. */
async function fitOnce(job: SideJob, prepared: PreparedDataset, seed: number): Promise<{ run: SeedRun; fitBackend: string }> {
  const spec = getModelSpec(job.family);
  const metric = metricOf(spec.problemType);
  const params: HyperParams = { ...spec.defaults, ...job.params, seed };
  const rule = new StopRule(metric, job.capSeconds, job.family.startsWith('mlp_') ? job.patience : 0);
  const trace: TracePoint[] = [];
  const rates: number[] = [];
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const fit = await fitFamily(
    job.family,
    params,
    prepared.data,
    {
      epochs: num(params, 'epochs', 1),
      batchSize: num(params, 'batchSize', 256),
      learningRate: num(params, 'learningRate', 0.01),
      seed,
      earlyStoppingPatience: 0,
    },
    {
      onEpochEnd: (log) => {
        const elapsed = (performance.now() - started) / 1000;
        const value = metric === 'accuracy' ? log.metrics.val_accuracy : log.metrics.val_rmse;
        if (job.family.startsWith('mlp_') || params.solver === 'adam') rates.push(log.rowsPerSecond);
        if (!Number.isFinite(value)) return;
        trace.push([elapsed, value]);
        rule.afterEpoch(elapsed, value);
      },
      stopReason: () => rule.reason,
    },
  );
  const fitSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const metrics = evaluateModel(fit.model, prepared).metrics;
  fit.model.dispose();
  const run: SeedRun = {
    seed,
    trace,
    final: metric === 'accuracy' ? metrics.accuracy : metrics.rmse,
    fitSeconds,
    fitCpuSeconds: (cpu.user + cpu.system) / 1e6,
    epochRowsPerSecond: rates,
    stopped: rule.reason ?? endOf(job.family, params, fit.outcome),
  };
  return { run, fitBackend: fit.backend };
}

/** How a fit that ran to its end ended, in the peers' words. */
function endOf(family: string, params: HyperParams, outcome: TrainOutcome): string {
  if (family.startsWith('random_forest_')) return 'all trees';
  if (family.startsWith('mlp_') || params.solver === 'adam') return outcome.stoppedEarly ? 'early stopping' : 'epochs';
  return outcome.epochsRun >= num(params, 'maxIter', Infinity) ? 'max iterations' : 'converged';
}

/** Our split must be the one the peers read, or the metrics are not comparable. */
function checkSplit(validation: Int32Array, path: string): void {
  const bytes = readFileSync(path);
  const expected = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  if (expected.length !== validation.length || expected.some((row, i) => row !== validation[i])) {
    throw new Error(`prepareDataset's validation rows differ from ${path}: delete .stack/bench-data and run again`);
  }
}

if (require.main === module) {
  runOurs(JSON.parse(process.argv[2]) as SideJob).catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
}
