import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Owners (access control): every job, dataset and sweep belongs to the owner its events name. Rows from before
 * access control belong to `legacy`, as their events (without ownerId) read. One owner's jobs and datasets are
 * listed newest first from their own index.
 */
export class Owners1765094400000 implements MigrationInterface {
  name = 'Owners1765094400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE training_jobs
        ADD COLUMN owner_id VARCHAR(128) NOT NULL DEFAULT 'legacy' AFTER tracking_id,
        ADD INDEX idx_training_jobs_owner_created (owner_id, created_at DESC)`);
    await queryRunner.query(`ALTER TABLE sweeps ADD COLUMN owner_id VARCHAR(128) NOT NULL DEFAULT 'legacy' AFTER dataset_id`);
    await queryRunner.query(`UPDATE datasets SET owner = 'legacy' WHERE owner = ''`);
    await queryRunner.query(`
      ALTER TABLE datasets
        ALTER COLUMN owner SET DEFAULT 'legacy',
        ADD INDEX idx_datasets_owner_created (owner, deleted_at, created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE datasets DROP INDEX idx_datasets_owner_created, ALTER COLUMN owner SET DEFAULT ''`);
    await queryRunner.query(`UPDATE datasets SET owner = '' WHERE owner = 'legacy'`);
    await queryRunner.query('ALTER TABLE sweeps DROP COLUMN owner_id');
    await queryRunner.query('ALTER TABLE training_jobs DROP INDEX idx_training_jobs_owner_created, DROP COLUMN owner_id');
  }
}
