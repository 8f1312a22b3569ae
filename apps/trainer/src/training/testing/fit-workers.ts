/**
 * Real fit workers for the trainer's specs: child processes running the worker's source under tsx, as the
 * built trainer runs fit-child.main.js. `shutDown()` ends every worker a spec started.
 */
import type { AppConfig } from '@modelstream/config';
import { prepareDataset, PreparedDataset, readCsvTable } from '@modelstream/ml';
import type { FitRequest } from '../fit-worker/fit-protocol';
import { FitWorkerOptions } from '../fit-worker/fit-worker';
import { defaultFitWorkerOptions, FitWorkerPool } from '../fit-worker/fit-worker.pool';
import { loopOptions } from '../steps/fit-model.step';
import { buildTrainingCommand, TrainingCommand } from '../training-command';
import { FakeTrainerMetrics } from './trainer.fakes';
import { tinyCsv, trainingRequested } from './training-fixtures';

export function testFitWorkers(options: Partial<FitWorkerOptions> = {}, memoryMb = 6144) {
  const metrics = new FakeTrainerMetrics();
  const config = { TRAINER_JOB_MEMORY_MB: memoryMb, TRAINER_JOB_TIMEOUT_MS: 3_600_000 } as AppConfig;
  const pool = new FitWorkerPool(config, metrics.asMetrics(), { ...defaultFitWorkerOptions(), ...options });
  return { pool, metrics, shutDown: () => pool.onApplicationShutdown() };
}

/** A tiny CSV prepared for a command, as the prepare step leaves it. */
export async function preparedFor(command: TrainingCommand, rows = 160): Promise<PreparedDataset> {
  const bytes = Buffer.from(tinyCsv(rows));
  const table = await readCsvTable(
    (async function* () {
      yield bytes;
    })(),
  );
  return prepareDataset(table, { target: command.target, problemType: command.problemType, validationSplit: 0.2, seed: 42 });
}

/** The fit request of a job with these settings on the tiny CSV. */
export async function fitRequestFor(paramsJson: string, overrides: Parameters<typeof trainingRequested>[0] = {}): Promise<FitRequest> {
  const command = buildTrainingCommand(trainingRequested({ paramsJson, ...overrides }));
  const prepared = await preparedFor(command);
  return { modelType: command.modelType, params: command.params, data: prepared.data, loop: loopOptions(command) };
}
