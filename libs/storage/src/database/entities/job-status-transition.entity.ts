import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from './training-job.entity';

/** When a job first entered a status (pending, running, and its final one), and the event that said so. */
@Entity({ name: 'job_status_transitions' })
export class JobStatusTransitionEntity {
  @PrimaryColumn({ name: 'tracking_id', type: 'varchar', length: 64 })
  trackingId!: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ type: 'datetime', precision: 3 })
  at!: Date;

  @Column({ name: 'event_id', type: 'varchar', length: 64 })
  eventId!: string;

  @Column({ name: 'event_type', type: 'varchar', length: 64 })
  eventType!: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  sequence!: number;
}
