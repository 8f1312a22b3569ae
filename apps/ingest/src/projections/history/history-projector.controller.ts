/**
 * The live history projector: its own consumer group (HISTORY_CONSUMER_GROUP) over the job topics. The partitions'
 * batches of one fetch, and those that come while a transaction is in flight, are applied to MariaDB in one
 * transaction, one transaction at a time (CoalescedWrites); should it fail, each partition's
 * batch is tried alone, and a batch that still fails goes again event by event, each event in a transaction of its
 * own, so a row MariaDB refuses is dead-lettered alone. A database outage is retried with backoff (attempts counted
 * in Redis) for minutes before an event is dead-lettered, so a restarted MariaDB loses nothing.
 */
import { Logger } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { AppConfig } from '@modelstream/config';
import { TOPICS } from '@modelstream/contracts';
import { AnyEvent, ConsumerGroup, EventsController, KafkaEventBatchContext, KafkaEventContext } from '@modelstream/kafka';
import { CoalescedWrites } from '../coalesced-writes';
import { TopicEvent } from '../job-batch';
import { JobHistoryProjection } from './job-history.projection';
import { RedisRetryCounter } from './redis-retry-counter';

/** Every topic that carries a part of a job's life. */
export const HISTORY_TOPICS = [TOPICS.uploadChunks, TOPICS.trainingRequests, TOPICS.trainingControl, TOPICS.trainingEvents] as const;

export const HISTORY_PROJECTOR = new ConsumerGroup({
  name: 'history-projector',
  groupId: (ref) => ref.get(AppConfig, { strict: false }).HISTORY_CONSUMER_GROUP,
  topics: HISTORY_TOPICS,
  // 0.5 s doubling to 10 s: about five minutes of outage before a message gives up.
  maxAttempts: 36,
  retryDelayMs: 500,
  retryCounter: RedisRetryCounter,
});

@EventsController()
export class HistoryProjectorController {
  private readonly logger = new Logger(HistoryProjectorController.name);

  /** The batches of one fetch, in one transaction. */
  private readonly writes: CoalescedWrites<TopicEvent, boolean>;

  constructor(private readonly projection: JobHistoryProjection) {
    this.writes = new CoalescedWrites((items) => this.projection.applyBatch(items));
  }

  @EventPattern(HISTORY_PROJECTOR.events(), HISTORY_PROJECTOR.extras)
  async project(@Payload() event: AnyEvent, @Ctx() context: KafkaEventContext): Promise<void> {
    const applied = await this.projection.apply(event, context.getTopic());
    this.logger.debug({ trackingId: event.trackingId, type: event.type, applied, msg: 'history projected' });
  }

  @EventPattern(HISTORY_PROJECTOR.batches(), HISTORY_PROJECTOR.extras)
  async projectBatch(@Payload() events: AnyEvent[], @Ctx() context: KafkaEventBatchContext): Promise<void> {
    const topic = context.getTopic();
    const applied = (await this.writes.run(events.map((event) => ({ event, topic })))).filter(Boolean).length;
    this.logger.debug({ ...context.describe(events.length, applied), msg: 'history projected a batch' });
  }
}
