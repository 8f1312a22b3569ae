/**
 * Projects the datasets topic (datasets and sweeps) into MariaDB, idempotently: the live catalog projector,
 * the services' read-after-write and the replay all call `apply`.
 */
import { Injectable } from '@nestjs/common';
import { CatalogEvent, LEGACY_OWNER, ownerOf } from '@modelstream/contracts';
import { AnyEvent, PermanentEventError } from '@modelstream/kafka';
import { CatalogRepository } from './catalog.repository';

@Injectable()
export class CatalogProjection {
  constructor(private readonly repository: CatalogRepository) {}

  /** Resolves true when the event changed the catalog. */
  async apply(anyEvent: AnyEvent): Promise<boolean> {
    const event = anyEvent as CatalogEvent;
    const sequence = Number(event.sequence);
    const at = new Date(Number(event.timestamp));
    switch (event.type) {
      case 'DatasetCreated': {
        const p = event.payload;
        return this.repository.upsertDataset({
          datasetId: p.datasetId,
          owner: event.ownerId !== LEGACY_OWNER ? event.ownerId : ownerOf(p.owner), // older events: the payload's owner
          filename: p.filename,
          sha256: p.sha256,
          size: Number(p.size),
          rows: Number(p.rows),
          columnsJson: p.columnsJson,
          bucket: p.bucket,
          objectKeys: JSON.stringify(p.objectKeys),
          sourceTrackingId: p.sourceTrackingId,
          createdAt: at,
          deletedAt: null,
          sequence,
        });
      }
      case 'DatasetDeleted':
        return this.repository.markDatasetDeleted(event.payload.datasetId, at, sequence);
      case 'SweepRequested': {
        const p = event.payload;
        return this.repository.upsertSweep({
          sweepId: p.sweepId,
          datasetId: p.datasetId,
          modelName: p.modelName,
          target: p.target,
          metric: p.metric,
          promoteAlias: p.promoteAlias,
          ownerId: ownerOf(event.ownerId),
          combinationsJson: p.combinationsJson,
          promotedVersion: null,
          promotedTrackingId: null,
          createdAt: at,
          sequence,
        });
      }
      case 'SweepPromoted':
        return this.repository.markSweepPromoted(event.payload.sweepId, event.payload.modelVersion, event.payload.bestTrackingId, sequence);
      default:
        throw new PermanentEventError(`unknown event type ${(event as { type: string }).type} on the datasets topic`);
    }
  }
}
