import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { TOPICS } from '@modelstream/contracts';
import { EventCodec } from './event-codec';
import { errorMessage, KafkaClient } from './kafka-client';

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
    const deadline = Date.now() + 60_000;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.kafka.ensureTopics(specs);
        for (const spec of specs) if (spec.schema) await this.codec.schemaId(spec);
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new Error(
            `Kafka (${this.kafka.config.KAFKA_BROKERS}) or the schema registry (${this.kafka.config.SCHEMA_REGISTRY_URL}) is not ready: ${errorMessage(error)}. Start the stack with scripts/stack.sh up.`,
            { cause: error },
          );
        }
        this.logger.warn({ attempt, err: errorMessage(error), msg: 'waiting for Kafka and the schema registry' });
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
  }
}
