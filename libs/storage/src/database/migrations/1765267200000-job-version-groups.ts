import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per (dataset checksum, model type) whose jobs have version numbers: the lock that makes numbering them
 * one at a time. The job rows' own locks cannot: a transaction at READ COMMITTED takes no gap locks, so two
 * batches each adding a first job to a group both saw it empty and both numbered theirs 1.
 */
export class JobVersionGroups1765267200000 implements MigrationInterface {
  name = 'JobVersionGroups1765267200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE job_version_groups (
        dataset_sha256 CHAR(64) NOT NULL,
        model_type VARCHAR(64) NOT NULL,
        PRIMARY KEY (dataset_sha256, model_type)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE job_version_groups');
  }
}
