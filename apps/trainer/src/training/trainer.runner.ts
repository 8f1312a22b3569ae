/**
 * Starts consuming only once the app's dependencies are ready (topics and schemas, the TF.js backend,
 * every cancel already requested), and stops consuming first on shutdown (handing a running job back).
 */
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { TopicsInitializer } from '@modelstream/kafka';
import { initBackend } from '@modelstream/ml';
import { TrainingControlConsumer } from '../control/training-control.consumer';
import { TrainerInstance } from '../trainer-instance';
import { TrainingRequestConsumer } from './training-request.consumer';

@Injectable()
export class TrainerRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TrainerRunner.name);

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
    await this.requests.start();
    this.logger.log({ instanceId: this.instance.id, backend, msg: 'trainer ready' });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.requests.stop();
    await this.control.stop();
  }
}
