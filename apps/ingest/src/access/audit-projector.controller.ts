/** The audit projector: its own consumer group over the audit topic, each event a row of audit_events. */
import { Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS } from '@modelstream/contracts';
import { AnyEvent, ConsumerGroup, EventsController } from '@modelstream/kafka';
import { RedisRetryCounter } from '../projections/history/redis-retry-counter';
import { AuditProjection } from './audit.projection';

export const AUDIT_PROJECTOR = new ConsumerGroup({
  name: 'audit-projector',
  groupId: 'modelstream-audit-projector',
  topics: [TOPICS.audit],
  maxAttempts: 36,
  retryDelayMs: 500,
  retryCounter: RedisRetryCounter,
});

@EventsController()
export class AuditProjectorController {
  private readonly logger = new Logger(AuditProjectorController.name);

  constructor(private readonly projection: AuditProjection) {}

  @EventPattern(AUDIT_PROJECTOR.events(), AUDIT_PROJECTOR.extras)
  async project(@Payload() event: AnyEvent): Promise<void> {
    const applied = await this.projection.apply(event);
    this.logger.debug({ trackingId: event.trackingId, type: event.type, applied, msg: 'audit projected' });
  }
}
