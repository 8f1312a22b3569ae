/**
 * Starts consuming only once the app's dependencies are ready (topics and schemas, the TF.js backend,
 * every cancel already requested), and stops consuming first on shutdown (handing a running job back).
 *
 * Joining the training group is not awaited before the app serves HTTP: while another member trains, a
 * rebalance waits for it to finish its job (up to the rebalance timeout), and /health must answer
 * meanwhile.
 */
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { errorMessage, TopicsInitializer } from '@modelstream/kafka';
import { initBackend } from '@modelstream/ml';
import { TrainingControlConsumer } from '../control/training-control.consumer';
import { TrainerInstance } from '../trainer-instance';
import { TrainingRequestConsumer } from './training-request.consumer';

@Injectable()
export class TrainerRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TrainerRunner.name);
  private stopping = false;
  private joining?: Promise<void>;

  constructor(
    private readonly topics: TopicsInitializer,
    private readonly control: TrainingControlConsumer,
    private readonly requests: TrainingRequestConsumer,
    private readonly instance: TrainerInstance,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.topics.onApplicationBootstrap();
    const backend = await initBackend();
    await this.control.start();
    this.logger.log({ instanceId: this.instance.id, backend, msg: 'trainer ready; joining the training group' });
    this.joining = this.joinTrainingGroup();
  }

  private async joinTrainingGroup(): Promise<void> {
    for (let attempt = 1; !this.stopping; attempt++) {
      try {
        await this.requests.start();
        if (this.stopping) await this.requests.stop(); // shutdown began while joining
        return;
      } catch (error) {
        this.logger.error({ attempt, err: errorMessage(error), msg: 'could not join the training group; retrying' });
        await this.requests.stop();
        await new Promise((r) => setTimeout(r, Math.min(2000 * attempt, 15_000)));
      }
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.requests.stop();
    await this.joining;
    await this.control.stop();
  }
}
