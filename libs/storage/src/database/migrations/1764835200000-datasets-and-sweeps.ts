import { MigrationInterface, QueryRunner } from 'typeorm';

/** Datasets and sweeps as resources (the datasets topic), and the jobs' links to them. */
export class DatasetsAndSweeps1764835200000 implements MigrationInterface {
  name = 'DatasetsAndSweeps1764835200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE datasets (
        dataset_id varchar(64) NOT NULL,
        owner varchar(128) NOT NULL DEFAULT '',
        filename varchar(255) NOT NULL,
        sha256 char(64) NOT NULL,
        size bigint NOT NULL,
        \`rows\` bigint NOT NULL,
        columns_json longtext NOT NULL,
        bucket varchar(255) NOT NULL,
        object_keys longtext NOT NULL,
        source_tracking_id varchar(64) NULL,
        created_at datetime(3) NOT NULL,
        deleted_at datetime(3) NULL,
        sequence bigint NOT NULL,
        PRIMARY KEY (dataset_id),
        INDEX idx_datasets_created (deleted_at, created_at),
        INDEX idx_datasets_sha256 (sha256),
        CONSTRAINT ck_datasets_size CHECK (size >= 0 AND \`rows\` >= 0)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`
      CREATE TABLE sweeps (
        sweep_id varchar(64) NOT NULL,
        dataset_id varchar(64) NOT NULL,
        model_name varchar(255) NOT NULL,
        target varchar(255) NOT NULL,
        metric varchar(32) NOT NULL,
        promote_alias varchar(255) NULL,
        combinations_json longtext NOT NULL,
        promoted_version varchar(32) NULL,
        promoted_tracking_id varchar(64) NULL,
        created_at datetime(3) NOT NULL,
        sequence bigint NOT NULL,
        PRIMARY KEY (sweep_id),
        INDEX idx_sweeps_dataset (dataset_id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`
      ALTER TABLE training_jobs
        ADD COLUMN dataset_id varchar(64) NULL,
        ADD COLUMN sweep_id varchar(64) NULL,
        ADD INDEX idx_training_jobs_dataset (dataset_id, status),
        ADD INDEX idx_training_jobs_sweep (sweep_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE training_jobs
        DROP INDEX idx_training_jobs_sweep,
        DROP INDEX idx_training_jobs_dataset,
        DROP COLUMN sweep_id,
        DROP COLUMN dataset_id`);
    await queryRunner.query('DROP TABLE sweeps');
    await queryRunner.query('DROP TABLE datasets');
  }
}
