/**
 * The trainer's fit workers: one is kept started and ready (its backend loaded) so a job never waits for
 * TF.js to start; the moment a job takes it, the next one starts. Each worker runs one fit and is ended
 * after it. When workers fail to start MAX_FAILED_STARTS times in a row the trainer cannot train: the
 * health check is down with the reason, a job meanwhile is handed back (DependencyUnavailableError, so
 * the transport retries it), and starts go on, further apart, until one succeeds.
 */
import { Inject, Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import { join } from 'node:path';
import { AppConfig } from '@modelstream/config';
import { DependencyUnavailableError } from '@modelstream/contracts';
import { errorMessage } from '@modelstream/kafka';
import { TrainerMetrics } from '../../metrics/trainer-metrics';
import { FitLimits, FitWorker, FitWorkerOptions } from './fit-worker';
import { WorkerStarts } from './worker-starts';

export const FIT_WORKER_OPTIONS = Symbol('FIT_WORKER_OPTIONS');

/** What the health check and the job errors call the workers. */
export const TRAINING_WORKER = 'training-worker';

const SAMPLE_MS = 250;
const MB = 1024 * 1024;

/** The built worker next to this file (dist), or its source under tsx when the trainer runs from source (tests). */
export function defaultFitWorkerOptions(): FitWorkerOptions {
  const fromSource = __filename.endsWith('.ts');
  return {
    entry: join(__dirname, fromSource ? 'fit-child.main.ts' : 'fit-child.main.js'),
    // The trainer's own Node options (source maps), but never its debugger port.
    execArgv: fromSource ? ['--import', 'tsx'] : process.execArgv.filter((a) => !a.startsWith('--inspect')),
    readyTimeoutMs: 60_000,
  };
}

@Injectable()
export class FitWorkerPool implements OnApplicationShutdown {
  private readonly logger = new Logger(FitWorkerPool.name);
  private readonly options: FitWorkerOptions;
  private readonly starts: WorkerStarts;
  readonly limits: FitLimits;
  private ready: FitWorker | null = null;
  private starting = false;
  private retry: NodeJS.Timeout | undefined;
  private closed = false;
  /** Ends every worker this pool forked, the ones still starting included. */
  private readonly shutdown = new AbortController();
  private readonly taken = new Set<FitWorker>();
  private readonly waiters = new Set<() => void>();

  constructor(
    config: AppConfig,
    private readonly metrics: TrainerMetrics,
    @Optional() @Inject(FIT_WORKER_OPTIONS) options?: FitWorkerOptions,
  ) {
    this.options = options ?? defaultFitWorkerOptions();
    this.starts = new WorkerStarts(this.options.startRetryMs);
    this.limits = { memoryLimitBytes: config.TRAINER_JOB_MEMORY_MB * MB, timeLimitMs: config.TRAINER_JOB_TIMEOUT_MS, sampleMs: SAMPLE_MS };
  }

  /** Starts the first worker; resolves once one is ready, or once starting has failed too often. */
  async warmUp(): Promise<string | null> {
    try {
      return (await this.whenReady()).backend;
    } catch (error) {
      this.logger.error({ err: errorMessage(error), msg: 'no training worker could start; the trainer cannot train until one does' });
      return null;
    }
  }

  /** The backend the next fit will run on (waits for the ready worker). */
  async backend(heartbeat?: () => Promise<void>): Promise<string> {
    return (await this.whenReady(heartbeat)).backend;
  }

  /** Hands over the ready worker for one fit, and starts the next one. */
  async take(heartbeat?: () => Promise<void>): Promise<FitWorker> {
    const worker = await this.whenReady(heartbeat);
    this.ready = null;
    this.taken.add(worker);
    worker.onExit(() => this.taken.delete(worker));
    this.warm();
    return worker;
  }

  /** Throws the reason while the trainer cannot train (the health check's probe). */
  check(): void {
    const problem = this.closed ? 'the trainer is shutting down' : this.starts.problem;
    if (problem) throw new Error(problem);
  }

  onApplicationShutdown(): void {
    this.closed = true;
    clearTimeout(this.retry);
    this.shutdown.abort();
    this.ready?.kill();
    this.taken.forEach((w) => w.kill());
    this.wake();
  }

  private async whenReady(heartbeat?: () => Promise<void>): Promise<FitWorker> {
    for (;;) {
      if (this.closed) throw new DependencyUnavailableError(TRAINING_WORKER, 'the trainer is shutting down');
      if (this.ready?.alive) return this.ready;
      const problem = this.starts.problem;
      if (problem) throw new DependencyUnavailableError(TRAINING_WORKER, problem, Math.ceil(this.starts.retryInMs / 1000));
      this.warm();
      await this.changed(1000);
      await heartbeat?.();
    }
  }

  /** Starts a worker unless one is ready, starting, or waiting to be retried. */
  private warm(): void {
    if (this.closed || this.ready || this.starting || this.retry) return;
    this.starting = true;
    FitWorker.start(this.options, this.shutdown.signal).then(
      (worker) => {
        this.starting = false;
        if (this.closed) return worker.kill();
        this.ready = worker;
        this.starts.started();
        this.metrics.workerStarted(true);
        for (const s of worker.skipped) {
          this.logger.warn({ backend: s.backend, reason: s.reason, msg: `TF.js backend ${s.backend} unavailable in the training worker` });
        }
        this.logger.debug({ pid: worker.pid, backend: worker.backend, msg: 'training worker ready' });
        worker.onExit(() => this.lostIdle(worker));
        this.wake();
      },
      (error: unknown) => {
        this.starting = false;
        this.failedStart(errorMessage(error));
      },
    );
  }

  /** A ready worker that died before any job took it. */
  private lostIdle(worker: FitWorker): void {
    if (this.ready !== worker) return;
    this.ready = null;
    this.failedStart('an idle training worker exited');
  }

  private failedStart(reason: string): void {
    if (this.closed) return;
    this.starts.failed(reason);
    this.metrics.workerStarted(false, this.starts.canTrain);
    this.logger.warn({
      reason,
      retryInMs: this.starts.retryInMs,
      canTrain: this.starts.canTrain,
      msg: 'a training worker failed to start',
    });
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.warm();
    }, this.starts.retryInMs);
    this.retry.unref();
    this.wake();
  }

  private changed(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
    });
  }

  private wake(): void {
    [...this.waiters].forEach((w) => w());
  }
}
