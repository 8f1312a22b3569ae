import { MigrationInterface, QueryRunner } from 'typeorm';

/** The job history projection: jobs, their status transitions, their metrics, and applied-event cursors. */
export class CreateJobHistory1764072000000 implements MigrationInterface {
  name = 'CreateJobHistory1764072000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE training_jobs (
        tracking_id varchar(64) NOT NULL,
        filename varchar(255) NULL,
        dataset_sha256 char(64) NULL,
        dataset_size bigint NULL,
        dataset_columns text NULL,
        model_name varchar(255) NULL,
        model_type varchar(64) NULL,
        problem_type varchar(32) NULL,
        target varchar(255) NULL,
        hyperparameters longtext NULL,
        settings longtext NULL,
        status varchar(16) NOT NULL,
        progress int NOT NULL DEFAULT 0,
        stage varchar(64) NULL,
        error text NULL,
        mlflow_run_id varchar(64) NULL,
        model_id varchar(255) NULL,
        model_version varchar(32) NULL,
        version int NULL,
        result_json longtext NULL,
        total_chunks int NULL,
        received_chunks int NOT NULL DEFAULT 0,
        attempts int NOT NULL DEFAULT 0,
        cancel_reason text NULL,
        cancel_requested_at datetime(3) NULL,
        requested_at datetime(3) NULL,
        created_at datetime(3) NOT NULL,
        started_at datetime(3) NULL,
        finished_at datetime(3) NULL,
        last_event_at datetime(3) NOT NULL,
        PRIMARY KEY (tracking_id),
        KEY idx_training_jobs_status_created (status, created_at),
        KEY idx_training_jobs_model_type (model_type),
        KEY idx_training_jobs_filename (filename),
        KEY idx_training_jobs_dataset_version (dataset_sha256, model_type, requested_at),
        KEY idx_training_jobs_status_last_event (status, last_event_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`
      CREATE TABLE job_status_transitions (
        tracking_id varchar(64) NOT NULL,
        status varchar(16) NOT NULL,
        at datetime(3) NOT NULL,
        event_id varchar(64) NOT NULL,
        event_type varchar(64) NOT NULL,
        sequence bigint NOT NULL,
        PRIMARY KEY (tracking_id, status),
        CONSTRAINT fk_job_status_transitions_job FOREIGN KEY (tracking_id) REFERENCES training_jobs (tracking_id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`
      CREATE TABLE job_metrics (
        tracking_id varchar(64) NOT NULL,
        kind varchar(8) NOT NULL,
        name varchar(128) NOT NULL,
        step int NOT NULL,
        value double NULL,
        PRIMARY KEY (tracking_id, kind, name, step),
        CONSTRAINT fk_job_metrics_job FOREIGN KEY (tracking_id) REFERENCES training_jobs (tracking_id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`
      CREATE TABLE job_event_cursors (
        tracking_id varchar(64) NOT NULL,
        topic varchar(128) NOT NULL,
        last_sequence bigint NOT NULL,
        last_event_id varchar(64) NOT NULL,
        applied_events int NOT NULL DEFAULT 0,
        PRIMARY KEY (tracking_id, topic)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE job_event_cursors');
    await queryRunner.query('DROP TABLE job_metrics');
    await queryRunner.query('DROP TABLE job_status_transitions');
    await queryRunner.query('DROP TABLE training_jobs');
  }
}
