import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@modelstream/config';
import { TOPICS } from '@modelstream/contracts';
import { errorMessage, EventCodec, EventConsumer, KafkaClient } from '@modelstream/kafka';
import { RedisConnection } from '@modelstream/storage';
import { JobHistoryProjection } from './job-history.projection';
import { RedisRetryCounter } from './redis-retry-counter';

/** Every topic that carries a part of a job's life. */
export const HISTORY_TOPICS = [TOPICS.uploadChunks, TOPICS.trainingRequests, TOPICS.trainingControl, TOPICS.trainingEvents] as const;

/**
 * The live history projector: its own consumer group over the job topics, each event applied to MariaDB in
 * one transaction. A database outage is retried with backoff (attempts counted in Redis) for minutes before
 * an event is dead-lettered, so a restarted MariaDB loses nothing.
 */
@Injectable()
export class HistoryProjector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HistoryProjector.name);
  private consumer?: EventConsumer;
  private starting?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly config: AppConfig,
    private readonly kafka: KafkaClient,
    private readonly codec: EventCodec,
    private readonly redis: RedisConnection,
    private readonly projection: JobHistoryProjection,
  ) {}

  /** Starts in the background: the app serves the history API (and /health says why) while Kafka is away. */
  onApplicationBootstrap(): void {
    this.starting = this.startWhenKafkaAnswers();
  }

  private async startWhenKafkaAnswers(): Promise<void> {
    const groupId = this.config.HISTORY_CONSUMER_GROUP;
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        // Our hooks may run before the app's TopicsInitializer: make sure what we subscribe to exists.
        await this.kafka.ensureTopics([...HISTORY_TOPICS, TOPICS.deadLetters]);
        const consumer = new EventConsumer(this.kafka, this.codec, {
          groupId,
          topics: HISTORY_TOPICS,
          fromBeginning: true,
          // 0.5 s doubling to 10 s: about five minutes of outage before a message gives up.
          maxAttempts: 36,
          retryDelayMs: 500,
          retryCounter: new RedisRetryCounter(this.redis.client, groupId),
          handle: async (event, meta) => {
            const applied = await this.projection.apply(event, meta.topic);
            this.logger.debug({ trackingId: event.trackingId, type: event.type, applied, msg: 'history projected' });
          },
        });
        this.consumer = consumer;
        await consumer.start();
        return;
      } catch (error) {
        await this.consumer?.stop().catch(() => undefined);
        this.consumer = undefined;
        this.logger.warn({ attempt, err: errorMessage(error), msg: 'history projector not started yet; retrying' });
        await new Promise((r) => setTimeout(r, Math.min(1000 * attempt, 10_000)));
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.starting;
    await this.consumer?.stop();
  }
}
