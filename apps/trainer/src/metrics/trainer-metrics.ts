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
  private readonly fits;
  private readonly fitPeakRss;
  private readonly workerUp;
  private readonly workerStartFailures;

  constructor(metrics: Metrics) {
    this.jobs = metrics.counter('modelstream_trainer_jobs_total', 'Jobs that reached an outcome on this instance', ['outcome']);
    this.epochs = metrics.counter('modelstream_trainer_epochs_total', 'Training epochs run on this instance');
    this.busy = metrics.gauge('modelstream_trainer_busy', '1 while a job is running on this instance');
    this.rowsPerSecond = metrics.gauge('modelstream_trainer_last_epoch_rows_per_second', 'Training rows per second of the last epoch');
    this.tensors = metrics.gauge('modelstream_trainer_tf_tensors', 'Live TF.js tensors after the last job (constant when nothing leaks)');
    this.fits = metrics.counter(
      'modelstream_trainer_fit_workers_total',
      'Fit workers that ended, by how: done, stopped (cancel, shutdown), data, memory (over TRAINER_JOB_MEMORY_MB), backend (crash; retried)',
      ['ending'],
    );
    this.fitPeakRss = metrics.gauge('modelstream_trainer_fit_worker_peak_rss_bytes', 'Peak resident memory of the last fit worker');
    this.workerUp = metrics.gauge('modelstream_trainer_worker_up', '0 while no fit worker can start (the trainer cannot train)');
    this.workerStartFailures = metrics.counter('modelstream_trainer_worker_start_failures_total', 'Fit workers that failed to start');
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

  fitEnded(ending: string, peakRssBytes: number): void {
    this.fits.inc({ ending });
    this.fitPeakRss.set(peakRssBytes);
  }

  /** A worker started (ok) or failed to start; `canTrain` false once starts failed too often in a row. */
  workerStarted(ok: boolean, canTrain = true): void {
    if (!ok) this.workerStartFailures.inc();
    this.workerUp.set(ok || canTrain ? 1 : 0);
  }
}
