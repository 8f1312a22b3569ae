import { Injectable } from '@nestjs/common';
import { tf } from '@modelstream/ml';

/** In-process counters of the trainer, served in the Prometheus text format at GET /metrics. */
@Injectable()
export class TrainerMetrics {
  private readonly jobs = new Map<string, number>();
  private epochs = 0;
  private busy = 0;
  private lastRowsPerSecond = 0;

  jobFinished(outcome: string): void {
    this.jobs.set(outcome, (this.jobs.get(outcome) ?? 0) + 1);
  }

  epochDone(rowsPerSecond: number): void {
    this.epochs++;
    this.lastRowsPerSecond = rowsPerSecond;
  }

  setBusy(busy: boolean): void {
    this.busy = busy ? 1 : 0;
  }

  render(): string {
    const lines = [
      '# HELP modelstream_trainer_jobs_total Jobs that reached an outcome on this instance.',
      '# TYPE modelstream_trainer_jobs_total counter',
      ...[...this.jobs].map(([outcome, n]) => `modelstream_trainer_jobs_total{outcome="${outcome}"} ${n}`),
      '# HELP modelstream_trainer_epochs_total Training epochs run on this instance.',
      '# TYPE modelstream_trainer_epochs_total counter',
      `modelstream_trainer_epochs_total ${this.epochs}`,
      '# HELP modelstream_trainer_busy 1 while a job is training.',
      '# TYPE modelstream_trainer_busy gauge',
      `modelstream_trainer_busy ${this.busy}`,
      '# HELP modelstream_trainer_last_epoch_rows_per_second Training rows per second of the last epoch.',
      '# TYPE modelstream_trainer_last_epoch_rows_per_second gauge',
      `modelstream_trainer_last_epoch_rows_per_second ${this.lastRowsPerSecond}`,
      '# HELP modelstream_trainer_tf_tensors Live TF.js tensors (should return to a constant between jobs).',
      '# TYPE modelstream_trainer_tf_tensors gauge',
      `modelstream_trainer_tf_tensors ${tf.memory().numTensors}`,
      '# HELP process_resident_memory_bytes Resident memory size in bytes.',
      '# TYPE process_resident_memory_bytes gauge',
      `process_resident_memory_bytes ${process.memoryUsage().rss}`,
    ];
    return `${lines.join('\n')}\n`;
  }
}
