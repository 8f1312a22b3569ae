import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from './training-job.entity';

/**
 * One row per dataset (DatasetCreated / DatasetDeleted on the datasets topic). A deleted dataset keeps its
 * row with `deletedAt` set, so a replay that meets its creation again never brings it back.
 */
@Entity({ name: 'datasets' })
@Index('idx_datasets_created', ['deletedAt', 'createdAt'])
@Index('idx_datasets_sha256', ['sha256'])
@Index('idx_datasets_owner_created', ['owner', 'deletedAt', 'createdAt'])
export class DatasetEntity {
  @PrimaryColumn({ name: 'dataset_id', type: 'varchar', length: 64 })
  datasetId!: string;

  /** Who the dataset belongs to (the events' ownerId; legacy before access control). */
  @Column({ type: 'varchar', length: 128, default: 'legacy' })
  owner!: string;

  @Column({ type: 'varchar', length: 255 })
  filename!: string;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  size!: number;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  rows!: number;

  /** JSON array: the column profile (name, type, missing, distinct). */
  @Column({ name: 'columns_json', type: 'longtext' })
  columnsJson!: string;

  @Column({ type: 'varchar', length: 255 })
  bucket!: string;

  /** JSON array of the chunk objects, in order. */
  @Column({ name: 'object_keys', type: 'longtext' })
  objectKeys!: string;

  @Column({ name: 'source_tracking_id', type: 'varchar', length: 64, nullable: true })
  sourceTrackingId!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'deleted_at', type: 'datetime', precision: 3, nullable: true })
  deletedAt!: Date | null;

  /** Sequence of the last event applied (a redelivered or older event changes nothing). */
  @Column({ type: 'bigint', transformer: bigintAsNumber })
  sequence!: number;
}
