/**
 * The sides of a comparison, each run in a fresh process with a timeout: ours (node-side.ts) and the
 * Python peers (peer.py: scikit-learn, Keras on JAX). They all print `SEED {json}` after each seed and
 * `RESULT {json}` at the end; a side stopped by its timeout keeps the seeds it finished.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { HyperParams, ModelType } from '@modelstream/contracts';
import type { DataFile } from './datasets';
import type { SeedRun } from './quality';

export type SideName = 'ours' | 'sklearn' | 'keras';
export const SIDES: readonly SideName[] = ['ours', 'sklearn', 'keras'];

export interface SideJob {
  family: ModelType;
  file: DataFile;
  /** Overrides of the family's registry defaults (the peers get the merged values). */
  params: HyperParams;
  seeds: number[];
  /** An iterative fit stops after the epoch that passes this. */
  capSeconds: number;
  /** Networks stop after this many epochs without a better validation metric (0: off). */
  patience: number;
  /** Fits per seed; the one with the median fit time is reported (short fits are at the mercy of other load). */
  repeats: number;
}

/** What a side prints last. */
export interface SideResult {
  side: string;
  backendNote?: string;
  loadSeconds: number;
  rowsTrain: number;
  inputDim: number;
  peakRssMb: number;
  /** RSS before the data is read: the runtime, the backend and the libraries loaded. */
  baselineRssMb: number;
}

export interface SideReport {
  name: SideName;
  runs: SeedRun[];
  result: SideResult | null;
  /** Why the side stopped short (timeout, crash), with the end of its stderr. */
  error: string | null;
  wallSeconds: number;
}

/** Parses a side's stdout: its SEED lines and its RESULT line. */
export function parseSideOutput(stdout: string): { runs: SeedRun[]; result: SideResult | null } {
  const runs: SeedRun[] = [];
  let result: SideResult | null = null;
  for (const line of stdout.split('\n')) {
    if (line.startsWith('SEED ')) runs.push(JSON.parse(line.slice(5)) as SeedRun);
    else if (line.startsWith('RESULT ')) result = JSON.parse(line.slice(7)) as SideResult;
  }
  return { runs, result };
}

export function runSide(
  name: SideName,
  job: SideJob,
  paths: { root: string; python: string; mergedParams: HyperParams },
  timeoutMs: number,
): SideReport {
  const started = performance.now();
  const [command, argv] =
    name === 'ours'
      ? [process.execPath, [...process.execArgv, join(__dirname, 'node-side.ts'), JSON.stringify(job)]]
      : [
          paths.python,
          [
            join(__dirname, 'peer.py'),
            ...['--impl', name, '--family', job.family, '--data', job.file.path, '--target', job.file.target],
            ...['--validation', job.file.validationPath, '--params', JSON.stringify(paths.mergedParams)],
            ...['--seeds', job.seeds.join(','), '--cap-seconds', String(job.capSeconds), '--patience', String(job.patience)],
            ...['--repeats', String(job.repeats)],
          ],
        ];
  const out = spawnSync(command, argv, {
    cwd: paths.root,
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NODE_OPTIONS: '', KERAS_BACKEND: 'jax', PYTHONUNBUFFERED: '1' },
  });
  const { runs, result } = parseSideOutput(out.stdout ?? '');
  const wallSeconds = (performance.now() - started) / 1000;
  let error: string | null = null;
  if (out.error && (out.error as NodeJS.ErrnoException).code === 'ETIMEDOUT')
    error = `stopped at its ${Math.round(timeoutMs / 1000)} s timeout`;
  else if (out.status !== 0 || !result) {
    const tail = (out.stderr ?? '').trim().split('\n').slice(-3).join(' | ');
    error = `exited ${out.status ?? out.signal}: ${tail || 'no output'}`;
  }
  return { name, runs, result, error, wallSeconds };
}
