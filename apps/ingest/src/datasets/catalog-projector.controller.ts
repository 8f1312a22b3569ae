/**
 * The catalog projector: its own consumer group over the datasets topic, each event applied to MariaDB
 * (datasets, sweeps). Retried like the history projector while the database is away.
 */
import { Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS } from '@modelstream/contracts';
import { AnyEvent, ConsumerGroup, EventsController } from '@modelstream/kafka';
import { RedisRetryCounter } from '../projections/history/redis-retry-counter';
import { CatalogProjection } from './catalog.projection';

export const CATALOG_PROJECTOR = new ConsumerGroup({
  name: 'catalog-projector',
  groupId: 'modelstream-catalog-projector',
  topics: [TOPICS.datasets],
  maxAttempts: 36,
  retryDelayMs: 500,
  retryCounter: RedisRetryCounter,
});

@EventsController()
export class CatalogProjectorController {
  private readonly logger = new Logger(CatalogProjectorController.name);

  constructor(private readonly projection: CatalogProjection) {}

  @EventPattern(CATALOG_PROJECTOR.events(), CATALOG_PROJECTOR.extras)
  async project(@Payload() event: AnyEvent): Promise<void> {
    const applied = await this.projection.apply(event);
    this.logger.debug({ trackingId: event.trackingId, type: event.type, applied, msg: 'catalog projected' });
  }
}
