import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { TOPICS } from '@modelstream/contracts';
import { retry } from '@modelstream/resilience';
import { EventCodec } from './event-codec';
import { errorMessage, KafkaClient } from './kafka-client';

const WAIT_MS = 60_000;

/**
 * At start: creates the topics (idempotently, with their partitions and retention) and registers every
 * value schema with BACKWARD compatibility. Waits for Kafka and the registry for up to a minute, then
 * stops the app with a message naming what is missing.
 */
@Injectable()
export class TopicsInitializer implements OnApplicationBootstrap {
  private readonly logger = new Logger(TopicsInitializer.name);

  constructor(
    private readonly kafka: KafkaClient,
    private readonly codec: EventCodec,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const specs = Object.values(TOPICS);
    const deadline = Date.now() + WAIT_MS;
    try {
      await retry(
        async () => {
          await this.kafka.ensureTopics(specs);
          for (const spec of specs) if (spec.schema) await this.codec.schemaId(spec);
        },
        {
          attempts: Number.POSITIVE_INFINITY,
          initialDelayMs: 2000,
          factor: 1,
          retryIf: () => Date.now() < deadline,
          onRetry: (error, attempt) =>
            this.logger.warn({ attempt, err: errorMessage(error), msg: 'waiting for Kafka and the schema registry' }),
        },
      );
    } catch (error) {
      throw new Error(
        `Kafka (${this.kafka.config.KAFKA_BROKERS}) or the schema registry (${this.kafka.config.SCHEMA_REGISTRY_URL}) is not ready: ${errorMessage(error)}. Start the stack with scripts/stack.sh up.`,
        { cause: error },
      );
    }
  }
}
