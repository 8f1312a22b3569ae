import { Injectable } from '@nestjs/common';
import { tf } from '@modelstream/ml';
import { Metrics } from '@modelstream/platform';

/** The trainer's own Prometheus series, on the shared registry served at GET /metrics. */
@Injectable()
export class TrainerMetrics {
  private readonly jobs;
  private readonly epochs;
  private readonly busy;
  private readonly rowsPerSecond;
  private readonly tensors;

  constructor(metrics: Metrics) {
    this.jobs = metrics.counter('modelstream_trainer_jobs_total', 'Jobs that reached an outcome on this instance', ['outcome']);
    this.epochs = metrics.counter('modelstream_trainer_epochs_total', 'Training epochs run on this instance');
    this.busy = metrics.gauge('modelstream_trainer_busy', '1 while a job is running on this instance');
    this.rowsPerSecond = metrics.gauge('modelstream_trainer_last_epoch_rows_per_second', 'Training rows per second of the last epoch');
    this.tensors = metrics.gauge('modelstream_trainer_tf_tensors', 'Live TF.js tensors after the last job (constant when nothing leaks)');
  }

  jobFinished(outcome: string): void {
    this.jobs.inc({ outcome });
    this.tensors.set(tf.memory().numTensors);
  }

  epochDone(rowsPerSecond: number): void {
    this.epochs.inc();
    this.rowsPerSecond.set(rowsPerSecond);
  }

  setBusy(busy: boolean): void {
    this.busy.set(busy ? 1 : 0);
  }
}
