/**
 * The status projector: its own consumer group over every job topic, applying each event to
 * JobStatusProjection. Offsets are committed only after the apply succeeded (EventConsumer); the apply is
 * idempotent, so redelivery after a crash changes nothing.
 */
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { TOPICS } from '@modelstream/contracts';
import { errorMessage, EventCodec, EventConsumer, KafkaClient } from '@modelstream/kafka';
import { Metrics } from '@modelstream/platform';
import { JobStatusProjection } from './job-status.projection';

export const STATUS_PROJECTOR_GROUP = 'modelstream-status-projector';
export const STATUS_PROJECTOR_TOPICS = [TOPICS.uploadChunks, TOPICS.trainingRequests, TOPICS.trainingControl, TOPICS.trainingEvents];

@Injectable()
export class StatusProjector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StatusProjector.name);
  private readonly consumer: EventConsumer;
  private starting?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly kafka: KafkaClient,
    codec: EventCodec,
    private readonly projection: JobStatusProjection,
    metrics: Metrics,
  ) {
    const projected = metrics.counter(
      'ingest_status_projected_events_total',
      'Job events the status projector handled, by topic and whether they changed the status',
      ['topic', 'changed'],
    );
    this.consumer = new EventConsumer(kafka, codec, {
      groupId: STATUS_PROJECTOR_GROUP,
      topics: STATUS_PROJECTOR_TOPICS,
      fromBeginning: true,
      handle: async (event, meta) => {
        const changed = await this.projection.apply(event, meta.topic);
        projected.inc({ topic: meta.topic, changed: String(changed) });
        this.logger.debug({ trackingId: event.trackingId, type: event.type, sequence: event.sequence, changed, msg: 'projected' });
      },
    });
  }

  onApplicationBootstrap(): void {
    // Joining a consumer group can take up to a session timeout (a previous instance's member must expire
    // first), so the HTTP API does not wait for it: the projector starts in the background and keeps
    // trying while Kafka is away. Uploads project their own events meanwhile (read-after-write).
    this.starting = this.startWhenReady();
  }

  private async startWhenReady(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        // The topics must exist with their own partitions and retention before we subscribe (a
        // subscription could otherwise auto-create them with broker defaults); creating them is idempotent.
        await this.kafka.ensureTopics(STATUS_PROJECTOR_TOPICS);
        await this.consumer.start();
        return;
      } catch (error) {
        this.logger.warn({ attempt, err: errorMessage(error), msg: 'status projector not started yet; retrying' });
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.starting;
    await this.consumer.stop();
  }
}
