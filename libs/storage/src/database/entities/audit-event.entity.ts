import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One row per AdminActionRecorded event (topic modelstream.audit): the audit trail GET /api/audit lists. */
@Entity({ name: 'audit_events' })
@Index('idx_audit_events_at', ['at'])
@Index('idx_audit_events_action_at', ['action', 'at'])
export class AuditEventEntity {
  @PrimaryColumn({ name: 'event_id', type: 'varchar', length: 64 })
  eventId!: string;

  @Column({ type: 'datetime', precision: 3 })
  at!: Date;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  /** owner/keyId of the key that acted (cli for the keys CLI). */
  @Column({ type: 'varchar', length: 160 })
  actor!: string;

  /** What was acted upon: a key id, a trackingId, a model name and alias, dead letters. */
  @Column({ type: 'varchar', length: 255 })
  target!: string;

  /** The owner of what was acted upon. */
  @Column({ name: 'owner_id', type: 'varchar', length: 128 })
  ownerId!: string;

  @Column({ name: 'details_json', type: 'longtext' })
  detailsJson!: string;
}
