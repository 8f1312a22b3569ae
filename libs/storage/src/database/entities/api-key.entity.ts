import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One API key (libs/auth): never the key itself, only its SHA-256. `keyId` — the first 16 hex digits of that
 * hash — finds the row; the whole hash is then compared in constant time. Revoked keys keep their row (the
 * audit trail names them) with `revokedAt` set. Not a history table: a replay neither empties nor rebuilds it.
 */
@Entity({ name: 'api_keys' })
@Index('idx_api_keys_owner', ['ownerId'])
export class ApiKeyEntity {
  @PrimaryColumn({ name: 'key_id', type: 'char', length: 16 })
  keyId!: string;

  /** SHA-256 of the whole key, hex. */
  @Column({ name: 'key_hash', type: 'char', length: 64 })
  keyHash!: string;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  /** Who the jobs, datasets and model names made with this key belong to. */
  @Column({ name: 'owner_id', type: 'varchar', length: 128 })
  ownerId!: string;

  /** Comma-separated: read, train, predict, admin. */
  @Column({ type: 'varchar', length: 64 })
  scopes!: string;

  /** Who created the key (an admin key's owner, or `cli`). */
  @Column({ name: 'created_by', type: 'varchar', length: 128 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 3, nullable: true })
  revokedAt!: Date | null;
}
