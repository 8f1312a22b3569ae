import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The job list (GET /api/model-train/jobs: newest first, `created_at DESC, tracking_id`, filtered by status and
 * model type, paged) reads an index in its own order instead of sorting the matching rows, long texts and all:
 * `created_at DESC` for the unfiltered list (InnoDB appends the primary key, so ties come in tracking_id order),
 * and (model_type, status, created_at DESC) for a model filter with or without a status, which also serves the
 * lookups the single-column model_type index did. Measured over 50,000 jobs: a status + model filter from ~860 ms
 * to ~6 ms, the unfiltered first page from ~430 ms to ~7 ms (5,000 jobs: all under 30 ms either way).
 */
export class JobListIndexes1764921600000 implements MigrationInterface {
  name = 'JobListIndexes1764921600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE training_jobs
        ADD INDEX idx_training_jobs_created (created_at DESC),
        ADD INDEX idx_training_jobs_model_type_status_created (model_type, status, created_at DESC),
        DROP INDEX idx_training_jobs_model_type`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE training_jobs
        ADD INDEX idx_training_jobs_model_type (model_type),
        DROP INDEX idx_training_jobs_model_type_status_created,
        DROP INDEX idx_training_jobs_created`);
  }
}
