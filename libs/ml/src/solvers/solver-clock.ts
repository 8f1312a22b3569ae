/**
 * The exact solvers' side of the training hooks: heartbeats and cancel checks between chunks of rows
 * (a pass over a million rows must not starve the Kafka consumer), and one EpochLog per iteration.
 */
import type { EpochLog, TrainHooks } from '../train';

/**
 * Rows per chunk of a pass doing `workPerRow` multiply-adds a row: about two million per chunk (a
 * millisecond or two), so the clock is looked at often enough however wide the rows; a multiple of 8
 * (the kernels take rows in blocks), at most 8192.
 */
export function chunkRows(workPerRow: number): number {
  return Math.max(8, Math.min(8192, Math.floor(2_000_000 / Math.max(workPerRow, 1) / 8) * 8));
}

export class SolverClock {
  /** Set once stopReason asked to stop; passes then return early and solvers stop at once. */
  cancelled: string | null = null;
  readonly history: EpochLog[] = [];
  private lastTick = Date.now();
  private readonly tickMs: number;
  private iterationStarted = performance.now();
  private cpuStarted = process.cpuUsage();

  constructor(private readonly hooks: TrainHooks) {
    this.tickMs = hooks.tickMs ?? 200;
  }

  /** Called between chunks: every tickMs it heartbeats, yields to the event loop and checks for a cancel. */
  async pulse(): Promise<boolean> {
    if (this.cancelled) return true;
    if (Date.now() - this.lastTick < this.tickMs) return false;
    this.lastTick = Date.now();
    await this.hooks.onTick?.();
    await new Promise((resolve) => setImmediate(resolve));
    this.cancelled = this.hooks.stopReason?.() ?? null;
    return this.cancelled !== null;
  }

  /** Records one iteration (an "epoch" of the progress events) and reports it. */
  async iterationEnd(epoch: number, epochs: number, loss: number, metrics: Record<string, number>, rows: number): Promise<void> {
    const seconds = (performance.now() - this.iterationStarted) / 1000;
    const cpu = process.cpuUsage(this.cpuStarted);
    const cpuSeconds = Math.max((cpu.user + cpu.system) / 1e6, 1e-6);
    const log: EpochLog = {
      epoch,
      epochs,
      loss,
      metrics,
      seconds,
      rowsPerSecond: rows / Math.max(seconds, 1e-6),
      rowsPerCpuSecond: rows / cpuSeconds,
    };
    this.history.push(log);
    await this.hooks.onEpochEnd?.(log);
    this.cancelled ??= this.hooks.stopReason?.() ?? null;
    this.iterationStarted = performance.now();
    this.cpuStarted = process.cpuUsage();
  }
}
