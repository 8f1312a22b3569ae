import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from './training-job.entity';

/**
 * Applied-event bookkeeping: the highest sequence applied per job and topic. An event at or below it was
 * already applied (redelivery, replay) and changes nothing.
 */
@Entity({ name: 'job_event_cursors' })
export class JobEventCursorEntity {
  @PrimaryColumn({ name: 'tracking_id', type: 'varchar', length: 64 })
  trackingId!: string;

  @PrimaryColumn({ type: 'varchar', length: 128 })
  topic!: string;

  @Column({ name: 'last_sequence', type: 'bigint', transformer: bigintAsNumber })
  lastSequence!: number;

  @Column({ name: 'last_event_id', type: 'varchar', length: 64 })
  lastEventId!: string;

  @Column({ name: 'applied_events', type: 'int', default: 0 })
  appliedEvents!: number;
}
