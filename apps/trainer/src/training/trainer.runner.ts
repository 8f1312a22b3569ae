/**
 * Makes the trainer ready to consume: the TF.js backend is initialised at bootstrap, and the app starts its
 * Kafka transport only after every bootstrap hook (libs/platform bootstrap), so no training request is
 * taken before the backend, the topics and schemas (TopicsInitializer) are ready; the transport then reads
 * every cancel already requested before it joins the training group.
 *
 * Joining the training group is not awaited before the app serves HTTP: while another member trains, a
 * rebalance waits for it to finish its job (up to the rebalance timeout), and /health must answer meanwhile.
 */
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { initBackendChoice } from '@modelstream/ml';
import { TrainerInstance } from '../trainer-instance';

@Injectable()
export class TrainerRunner implements OnApplicationBootstrap {
  private readonly logger = new Logger(TrainerRunner.name);

  constructor(private readonly instance: TrainerInstance) {}

  async onApplicationBootstrap(): Promise<void> {
    const { backend, skipped } = await initBackendChoice();
    for (const s of skipped)
      this.logger.warn({ backend: s.backend, reason: s.reason, msg: `TF.js backend ${s.backend} unavailable, falling back` });
    this.logger.log({ instanceId: this.instance.id, backend, msg: 'trainer ready; joining the training group' });
  }
}
