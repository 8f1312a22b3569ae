/**
 * The status projector: its own consumer group over every job topic, applying each event to
 * JobStatusProjection. The KafkaEventTransport commits an offset only after the apply succeeded; the apply
 * is idempotent, so redelivery after a crash changes nothing. Each fetch of a partition is applied as one batch
 * (one pipeline of compare-and-sets); a batch that fails is handled again event by event through `project`.
 */
import { Logger } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS } from '@modelstream/contracts';
import { AnyEvent, ConsumerGroup, EventsController, GATHERED_FETCH, KafkaEventBatchContext, KafkaEventContext } from '@modelstream/kafka';
import { Metrics } from '@modelstream/platform';
import { JobStatusProjection } from './job-status.projection';

export const STATUS_PROJECTOR = new ConsumerGroup({
  name: 'status-projector',
  // The group's name carries the Redis record layout: records of an older layout (before the job-lifecycle
  // fold) hold no per-topic sequences to fold on, so a new layout reads the topics again from the beginning
  // under a new group and rewrites every job's record.
  groupId: 'modelstream-status-projector-v2',
  topics: [TOPICS.uploadChunks, TOPICS.trainingRequests, TOPICS.trainingControl, TOPICS.trainingEvents],
  // A status shows up to a quarter second later while events are rare (an upload's own are applied as it answers).
  fetch: GATHERED_FETCH,
});

@EventsController()
export class StatusProjectorController {
  private readonly logger = new Logger(StatusProjectorController.name);
  private readonly projected: Counter<'topic' | 'changed'>;

  constructor(
    private readonly projection: JobStatusProjection,
    metrics: Metrics,
  ) {
    this.projected = metrics.counter(
      'ingest_status_projected_events_total',
      'Job events the status projector handled, by topic and whether they changed the status',
      ['topic', 'changed'],
    );
  }

  @EventPattern(STATUS_PROJECTOR.events(), STATUS_PROJECTOR.extras)
  async project(@Payload() event: AnyEvent, @Ctx() context: KafkaEventContext): Promise<void> {
    const changed = await this.projection.apply(event, context.getTopic());
    this.projected.inc({ topic: context.getTopic(), changed: String(changed) });
    this.logger.debug({ trackingId: event.trackingId, type: event.type, sequence: event.sequence, changed, msg: 'projected' });
  }

  @EventPattern(STATUS_PROJECTOR.batches(), STATUS_PROJECTOR.extras)
  async projectBatch(@Payload() events: AnyEvent[], @Ctx() context: KafkaEventBatchContext): Promise<void> {
    const topic = context.getTopic();
    const changed = await this.projection.applyBatch(events.map((event) => ({ event, topic })));
    const applied = changed.filter(Boolean).length;
    if (applied > 0) this.projected.inc({ topic, changed: 'true' }, applied);
    if (applied < events.length) this.projected.inc({ topic, changed: 'false' }, events.length - applied);
    this.logger.debug({ ...context.describe(events.length, applied), msg: 'projected a batch' });
  }
}
