import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@modelstream/config';
import { TOPICS } from '@modelstream/contracts';
import { EventCodec, EventConsumer, KafkaClient } from '@modelstream/kafka';
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

  constructor(
    private readonly config: AppConfig,
    private readonly kafka: KafkaClient,
    private readonly codec: EventCodec,
    private readonly redis: RedisConnection,
    private readonly projection: JobHistoryProjection,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const groupId = this.config.HISTORY_CONSUMER_GROUP;
    // Our hooks may run before the app's TopicsInitializer: make sure what we subscribe to exists.
    await this.kafka.ensureTopics([...HISTORY_TOPICS, TOPICS.deadLetters]);
    this.consumer = new EventConsumer(this.kafka, this.codec, {
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
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
