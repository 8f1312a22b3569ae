/**
 * One fit worker seen from the trainer: a forked child process (fit-child.main.ts) that becomes ready,
 * runs one fit and is then ended. While it fits, the trainer's side of it ticks every `sampleMs`: it
 * samples the worker's RSS against the job's memory ceiling, checks its time limit, asks the job whether it must stop (cancel,
 * shutdown) and heartbeats the consumer. Epoch reports are handed to the job one after the other, in
 * order, and the answer only after the last of them.
 */
import { ChildProcess, fork } from 'node:child_process';
import type { EpochLog } from '@modelstream/ml';
import { exitFailure, exitReason, FitFailure, reportedFailure } from './fit-failure';
import { ChildMessage, childMessage, FitRequest, ParentMessage, WireFitResult } from './fit-protocol';
import { readProcRss, RssWatchdog } from './rss-watchdog';

export interface FitWorkerOptions {
  /** The worker's entry (fit-child.main.js, or the .ts under tsx) and the Node options to run it with. */
  entry: string;
  execArgv: string[];
  readyTimeoutMs: number;
  /** Waits between failed starts (worker-starts.ts START_RETRY_MS by default). */
  startRetryMs?: readonly number[];
}

export interface FitHooks {
  onEpoch: (log: EpochLog) => Promise<void>;
  /** Why the job must stop now (cancel, shutdown), or null. */
  stopReason: () => string | null;
  heartbeat: () => Promise<void>;
}

export interface FitLimits {
  memoryLimitBytes: number;
  /** The longest a fit may run; past it the worker is killed and the job fails (TRAINER_JOB_TIMEOUT_MS). */
  timeLimitMs: number;
  sampleMs: number;
  readRss?: (pid: number) => number | null;
}

type FitEnding = { kind: 'done'; result: WireFitResult } | { kind: 'stopped'; reason: string } | { kind: 'failed'; failure: FitFailure };

/** How a fit ended; every ending carries the worker's peak RSS. */
export type FitRun = FitEnding & { peakRssBytes: number };

/** A worker that could not start: its process failed to spawn, exited, or its backend did not load. */
export class FitWorkerStartError extends Error {
  override name = 'FitWorkerStartError';
}

const STDERR_TAIL = 4096;

export class FitWorker {
  private stderr = '';
  private used = false;

  private constructor(
    private readonly child: ChildProcess,
    readonly backend: string,
    /** Faster backends the worker could not load, with the reason. */
    readonly skipped: { backend: string; reason: string }[],
  ) {}

  get pid(): number {
    return this.child.pid!;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null && this.child.connected;
  }

  /** Forks a worker and resolves once its backend is ready; `signal` ends it whenever it is aborted. */
  static start(options: FitWorkerOptions, signal?: AbortSignal): Promise<FitWorker> {
    const child = fork(options.entry, [], {
      execArgv: options.execArgv,
      serialization: 'advanced',
      signal,
      killSignal: 'SIGKILL',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    // What goes wrong with the process shows in its exit (an abort, a failed send): no 'error' may go unheard.
    child.on('error', () => undefined);
    let stderr = '';
    const keep = (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL));
    child.stderr!.on('data', keep);
    return new Promise<FitWorker>((resolve, reject) => {
      const fail = (reason: string) => {
        cleanup();
        child.kill('SIGKILL');
        reject(new FitWorkerStartError(reason));
      };
      const onMessage = (value: unknown) => {
        const message = childMessage(value);
        if (message?.type === 'init-failed') fail(`its backend did not load: ${message.error.message}`);
        if (message?.type !== 'ready') return;
        cleanup();
        const worker = new FitWorker(child, message.backend, message.skipped);
        worker.stderr = stderr;
        child.stderr!.off('data', keep);
        child.stderr!.on('data', (chunk: Buffer) => (worker.stderr = (worker.stderr + chunk.toString()).slice(-STDERR_TAIL)));
        resolve(worker);
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => fail(`it ${exitReason(code, signal, stderr)}`);
      const onError = (error: Error) => fail(`it could not be started: ${error.message}`);
      const timer = setTimeout(() => fail(`it was not ready within ${options.readyTimeoutMs} ms`), options.readyTimeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        child.off('message', onMessage).off('exit', onExit).off('error', onError);
      };
      child.on('message', onMessage).once('exit', onExit).once('error', onError);
    });
  }

  /** Calls `listener` when the worker's process ends (the pool replaces an idle worker that died). */
  onExit(listener: () => void): void {
    if (!this.alive) return listener();
    this.child.once('exit', listener);
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  /** Runs the one fit this worker is for; the worker is ended when it settles. Rejects only when a hook throws. */
  fit(request: FitRequest, hooks: FitHooks, limits: FitLimits): Promise<FitRun> {
    if (this.used) throw new Error('a fit worker runs one fit only');
    this.used = true;
    const child = this.child;
    const watchdog = new RssWatchdog(limits.memoryLimitBytes);
    const readRss = limits.readRss ?? readProcRss;
    // Epoch reports, then the answer, run one after the other on this chain.
    let chain = Promise.resolve();
    let settled = false;
    return new Promise<FitRun>((resolve, reject) => {
      const finish = (run: FitRun | Error) => {
        if (settled) return;
        settled = true;
        clearInterval(ticker);
        child.off('message', onMessage).off('exit', onExit);
        this.kill();
        if (run instanceof Error) reject(run);
        else resolve(run);
      };
      const ended = (ending: FitEnding): FitRun => ({ ...ending, peakRssBytes: watchdog.peakBytes });
      const overLimit = () =>
        ended({ kind: 'failed', failure: { kind: 'memory', limitBytes: watchdog.limitBytes, peakBytes: watchdog.peakBytes } });
      // A stop is also looked at after each epoch report, so a cancel seen there ends the fit before the next epoch.
      const later = (step: () => Promise<void> | void) => {
        chain = chain
          .then(async () => {
            if (settled) return;
            await step();
            const reason = hooks.stopReason();
            if (reason) finish(ended({ kind: 'stopped', reason }));
          })
          .catch((error: unknown) => finish(error instanceof Error ? error : new Error(String(error))));
      };
      const onMessage = (value: unknown) => {
        const message: ChildMessage | null = childMessage(value);
        if (!message) return;
        // Every epoch also heartbeats the consumer: a fit shorter than one sample interval still proves it is alive.
        if (message.type === 'epoch') later(() => hooks.onEpoch(message.log).then(() => hooks.heartbeat()));
        if (message.type === 'done') {
          // A fit that went over the ceiling between two samples is over it all the same: the outcome does
          // not depend on when the samples fell.
          if (watchdog.overLimit(message.result.maxRssBytes)) return finish(overLimit());
          later(() => finish(ended({ kind: 'done', result: message.result })));
        }
        if (message.type === 'failed') later(() => finish(ended({ kind: 'failed', failure: reportedFailure(message.error) })));
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
        finish(ended({ kind: 'failed', failure: exitFailure(code, signal, this.stderr) }));
      let beating = false;
      const startedAt = Date.now();
      const tick = () => {
        const reason = hooks.stopReason();
        if (reason) return finish(ended({ kind: 'stopped', reason }));
        if (watchdog.overLimit(readRss(this.pid))) return finish(overLimit());
        if (Date.now() - startedAt > limits.timeLimitMs)
          return finish(ended({ kind: 'failed', failure: { kind: 'time', limitMs: limits.timeLimitMs } }));
        if (beating) return;
        beating = true;
        void hooks
          .heartbeat()
          .catch(() => undefined)
          .finally(() => (beating = false));
      };
      const ticker = setInterval(tick, limits.sampleMs);
      child.on('message', onMessage).once('exit', onExit);
      if (!this.alive) return onExit(child.exitCode, child.signalCode);
      const message: ParentMessage = { type: 'fit', request };
      child.send(message, (error) => {
        if (error)
          finish(
            ended({
              kind: 'failed',
              failure: { kind: 'backend', reason: `the job could not be sent to the training worker: ${error.message}` },
            }),
          );
      });
    });
  }
}
