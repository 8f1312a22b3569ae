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
import { AnyEvent, ConsumerGroup, EventsController, GATHERED_FETCH, KafkaEventBatchContext, KafkaEventContext } from '@modelstream/kafka';
import { Metrics } from '@modelstream/platform';
import { CoalescedWrites, WriteObserver } from '../coalesced-writes';
import { ApplyStages, noStages, TopicEvent } from '../job-batch';
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
  fetch: GATHERED_FETCH,
});

@EventsController()
export class HistoryProjectorController {
  private readonly logger = new Logger(HistoryProjectorController.name);

  /** The batches of one fetch, in one transaction. */
  private readonly writes: CoalescedWrites<TopicEvent, boolean>;

  constructor(
    private readonly projection: JobHistoryProjection,
    metrics: Metrics,
  ) {
    const observed = transactionMetrics(metrics);
    this.writes = new CoalescedWrites(async (items) => {
      const stages = noStages();
      const applied = await this.projection.applyBatch(items, stages);
      observed.stages(stages);
      return applied;
    }, observed);
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

/**
 * Where the projector's time goes (bench/replay/lag.ts reads them): batches waiting for a transaction, the
 * transactions, and the stages of each that committed.
 */
function transactionMetrics(metrics: Metrics): WriteObserver & { stages(stages: ApplyStages): void } {
  const buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
  const waits = metrics.histogram(
    'ingest_history_batch_wait_seconds',
    'Time a fetched batch of job events waited for its MariaDB transaction to start (behind the one in flight)',
    [],
    buckets,
  );
  const transactions = metrics.histogram(
    'ingest_history_transaction_seconds',
    'MariaDB transactions of the history projector (the batches of one fetch, or those that waited together), by outcome',
    ['outcome'],
    buckets,
  );
  const stageSeconds = metrics.histogram(
    'ingest_history_transaction_stage_seconds',
    "The stages of the history projector's committed transactions: locking_read (the jobs with their cursors, and version numbering), fold (the events onto the rows, in the app) and writes_and_commit (every write with the COMMIT, one round trip)",
    ['stage'],
    buckets,
  );
  const events = metrics.counter('ingest_history_transaction_events_total', "Job events written by the history projector's transactions");
  return {
    stages: ({ write, fold, commit }) => {
      stageSeconds.observe({ stage: 'locking_read' }, write / 1000);
      stageSeconds.observe({ stage: 'fold' }, fold / 1000);
      stageSeconds.observe({ stage: 'writes_and_commit' }, commit / 1000);
    },
    waited: (ms) => waits.observe(ms / 1000),
    wrote: (items, ms, ok) => {
      transactions.observe({ outcome: ok ? 'ok' : 'failed' }, ms / 1000);
      if (ok) events.inc(items);
    },
  };
}
