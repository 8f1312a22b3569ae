import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The history row becomes the job-lifecycle fold's state: `lifecycle` holds the per-topic facts the derived
 * columns come from (JSON). Texts whose length the user decides are LONGTEXT, so a wide upload (~10,000
 * columns) or a long error fits; CHECK constraints refuse rows no event stream can legitimately produce.
 */
export class JobLifecycleFacts1764489600000 implements MigrationInterface {
  name = 'JobLifecycleFacts1764489600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE training_jobs
        MODIFY dataset_columns longtext NULL,
        MODIFY hyperparameters longtext NULL,
        MODIFY settings longtext NULL,
        MODIFY error longtext NULL,
        MODIFY result_json longtext NULL,
        MODIFY cancel_reason longtext NULL,
        ADD COLUMN lifecycle longtext NULL,
        ADD CONSTRAINT ck_training_jobs_progress CHECK (progress BETWEEN 0 AND 100),
        ADD CONSTRAINT ck_training_jobs_total_chunks CHECK (total_chunks IS NULL OR total_chunks >= 1),
        ADD CONSTRAINT ck_training_jobs_received_chunks CHECK (received_chunks >= 0),
        ADD CONSTRAINT ck_training_jobs_attempts CHECK (attempts >= 0),
        ADD CONSTRAINT ck_training_jobs_dataset_size CHECK (dataset_size IS NULL OR dataset_size >= 0)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE training_jobs
        DROP CONSTRAINT ck_training_jobs_dataset_size,
        DROP CONSTRAINT ck_training_jobs_attempts,
        DROP CONSTRAINT ck_training_jobs_received_chunks,
        DROP CONSTRAINT ck_training_jobs_total_chunks,
        DROP CONSTRAINT ck_training_jobs_progress,
        DROP COLUMN lifecycle,
        MODIFY cancel_reason text NULL,
        MODIFY error text NULL,
        MODIFY dataset_columns text NULL`);
  }
}
