import { Injectable } from '@nestjs/common';
import { DependencyUnavailableError, TOPICS } from '@modelstream/contracts';
import { errorMessage, KafkaClient, readConsumerGroups, withTimeout } from '@modelstream/kafka';
import { consumerGroupsView } from './consumer-lag';
import { ConsumerGroupsView } from './consumers.views';

/** How long the broker has to describe its groups before the request answers 503. */
export const CONSUMERS_TIMEOUT_MS = 5_000;

/** Every topic of modelstream (logical names): a group of the namespace is ours when it reads one of them. */
const NAMESPACE_TOPICS = Object.values(TOPICS).map((t) => t.name);

/**
 * The consumer groups of this app's KAFKA_NAMESPACE with their members and lag, through the app's one Kafka
 * admin client. Requests that arrive while a read is under way share it (a page polling from several tabs
 * costs the broker one round of requests).
 */
@Injectable()
export class ConsumersService {
  private inFlight?: Promise<ConsumerGroupsView>;

  constructor(private readonly kafka: KafkaClient) {}

  list(): Promise<ConsumerGroupsView> {
    if (!this.inFlight) {
      this.inFlight = this.read().finally(() => (this.inFlight = undefined));
    }
    return this.inFlight;
  }

  private async read(): Promise<ConsumerGroupsView> {
    try {
      const snapshot = await withTimeout(
        readConsumerGroups(this.kafka, NAMESPACE_TOPICS),
        CONSUMERS_TIMEOUT_MS,
        'reading the consumer groups',
      );
      return consumerGroupsView(snapshot, new Date());
    } catch (error) {
      const brokers = this.kafka.config.kafkaBrokers.join(', ');
      throw new DependencyUnavailableError(
        'kafka',
        'Kafka did not describe its consumer groups. Check that the broker is running (bash scripts/stack.sh status) and retry.',
        5,
        `${brokers}: ${errorMessage(error)}`,
      );
    }
  }
}
