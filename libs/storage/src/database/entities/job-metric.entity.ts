import { Column, Entity, PrimaryColumn } from 'typeorm';

export type MetricKind = 'epoch' | 'final';

/** One metric value of a job: per epoch (`step` = epoch) or final validation metrics (`step` = 0). */
@Entity({ name: 'job_metrics' })
export class JobMetricEntity {
  @PrimaryColumn({ name: 'tracking_id', type: 'varchar', length: 64 })
  trackingId!: string;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  kind!: MetricKind;

  @PrimaryColumn({ type: 'varchar', length: 128 })
  name!: string;

  @PrimaryColumn({ type: 'int' })
  step!: number;

  /** Null when the value was not finite (NaN or infinite loss). */
  @Column({ type: 'double', nullable: true })
  value!: number | null;
}
