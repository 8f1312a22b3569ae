/**
 * The audit trail: admin actions (key creation and revocation, a cancel of another owner's job, dead letters
 * republished) and alias moves, each an AdminActionRecorded event on modelstream.audit that names who acted.
 * Ingest projects them into MariaDB (GET /api/audit); a replay rebuilds them.
 */
import { Injectable } from '@nestjs/common';
import { AuditEvent, SequenceClock, TOPICS } from '@modelstream/contracts';
import { EventPublisher } from '@modelstream/kafka';

export type AuditAction = 'key.created' | 'key.revoked' | 'job.cancelled' | 'dead-letters.republished' | 'alias.set' | 'alias.deleted';

export interface AuditEntry {
  action: AuditAction;
  /** owner/keyId (actorOf), or `cli`. */
  actor: string;
  /** What was acted upon. */
  target: string;
  /** The owner of what was acted upon. */
  ownerId: string;
  details?: Record<string, unknown>;
}

/** The AdminActionRecorded event of an entry (without the fields the publisher fills). */
export function auditEvent(entry: AuditEntry, sequence: number) {
  return {
    type: 'AdminActionRecorded' as const,
    trackingId: entry.target,
    ownerId: entry.ownerId,
    sequence,
    payload: { action: entry.action, actor: entry.actor, detailsJson: JSON.stringify(entry.details ?? {}) },
  };
}

@Injectable()
export class AuditTrail {
  private readonly clock = new SequenceClock();

  constructor(private readonly publisher: EventPublisher) {}

  /** Publishes the entry; resolves once Kafka acknowledged it. */
  async record(entry: AuditEntry): Promise<void> {
    await this.publisher.publish<AuditEvent>(TOPICS.audit, auditEvent(entry, this.clock.next()));
  }
}
