/**
 * Projects the audit topic into MariaDB (audit_events), one row per event id: the live audit projector and the
 * replay both call `apply`, and applying an event again changes nothing.
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditEvent } from '@modelstream/contracts';
import { AnyEvent, PermanentEventError } from '@modelstream/kafka';
import { AuditEventEntity } from '@modelstream/storage';

@Injectable()
export class AuditProjection {
  constructor(private readonly ds: DataSource) {}

  /** Resolves true when the event added a row. */
  async apply(anyEvent: AnyEvent): Promise<boolean> {
    const event = anyEvent as AuditEvent;
    if (event.type !== 'AdminActionRecorded') {
      throw new PermanentEventError(`unknown event type ${(event as { type: string }).type} on the audit topic`);
    }
    const result = await this.ds
      .createQueryBuilder()
      .insert()
      .into(AuditEventEntity)
      .values({
        eventId: event.eventId,
        at: new Date(Number(event.timestamp)),
        action: event.payload.action,
        actor: event.payload.actor,
        target: event.trackingId,
        ownerId: event.ownerId,
        detailsJson: event.payload.detailsJson,
      })
      .orIgnore()
      .execute();
    return (result.raw as { affectedRows?: number }).affectedRows === 1;
  }
}
