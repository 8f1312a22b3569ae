/**
 * Makes the trainer ready to consume: at bootstrap the first fit worker is started and its TF.js backend
 * loaded, and the app starts its Kafka transport only after every bootstrap hook (libs/platform bootstrap),
 * so no training request is taken before a worker, the topics and schemas (TopicsInitializer) are ready;
 * the transport then reads every cancel already requested before it joins the training group. A worker
 * that cannot start does not stop the app: its health check says why, and jobs are handed back until one
 * starts. (The trainer's own TF.js backend, which reads back and evaluates what the workers saved, loads
 * with the first job.) The CSV load path is run once over generated tables meanwhile, so the first job's
 * dataset is read by compiled code (warmUpLoadPath: a 17 MB file 0.16 → 0.12 s).
 *
 * Joining the training group is not awaited before the app serves HTTP: while another member trains, a
 * rebalance waits for it to finish its job (up to the rebalance timeout), and /health must answer meanwhile.
 */
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { warmUpLoadPath } from '@modelstream/ml';
import { TrainerInstance } from '../trainer-instance';
import { FitWorkerPool } from './fit-worker/fit-worker.pool';

@Injectable()
export class TrainerRunner implements OnApplicationBootstrap {
  private readonly logger = new Logger(TrainerRunner.name);

  constructor(
    private readonly instance: TrainerInstance,
    private readonly workers: FitWorkerPool,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const [backend, loadWarmUpMs] = await Promise.all([this.workers.warmUp(), warmUpLoadPath()]);
    this.logger.log({
      instanceId: this.instance.id,
      backend,
      loadWarmUpMs: Math.round(loadWarmUpMs),
      msg: 'trainer ready; joining the training group',
    });
  }
}
