import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from './training-job.entity';

/** One row per sweep (SweepRequested / SweepPromoted on the datasets topic); its jobs carry its id. */
@Entity({ name: 'sweeps' })
@Index('idx_sweeps_dataset', ['datasetId'])
export class SweepEntity {
  @PrimaryColumn({ name: 'sweep_id', type: 'varchar', length: 64 })
  sweepId!: string;

  @Column({ name: 'dataset_id', type: 'varchar', length: 64 })
  datasetId!: string;

  /** Who requested the sweep (its events' ownerId). */
  @Column({ name: 'owner_id', type: 'varchar', length: 128, default: 'legacy' })
  ownerId!: string;

  @Column({ name: 'model_name', type: 'varchar', length: 255 })
  modelName!: string;

  @Column({ type: 'varchar', length: 255 })
  target!: string;

  @Column({ type: 'varchar', length: 32 })
  metric!: string;

  @Column({ name: 'promote_alias', type: 'varchar', length: 255, nullable: true })
  promoteAlias!: string | null;

  /** JSON array: trackingId, modelType, params of each training. */
  @Column({ name: 'combinations_json', type: 'longtext' })
  combinationsJson!: string;

  @Column({ name: 'promoted_version', type: 'varchar', length: 32, nullable: true })
  promotedVersion!: string | null;

  @Column({ name: 'promoted_tracking_id', type: 'varchar', length: 64, nullable: true })
  promotedTrackingId!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  sequence!: number;
}
