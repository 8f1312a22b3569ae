import { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit trail (topic modelstream.audit): who did what to whose keys, jobs, dead letters and aliases. */
export class AuditEvents1765180800000 implements MigrationInterface {
  name = 'AuditEvents1765180800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_events (
        event_id VARCHAR(64) NOT NULL,
        at DATETIME(3) NOT NULL,
        action VARCHAR(64) NOT NULL,
        actor VARCHAR(160) NOT NULL,
        target VARCHAR(255) NOT NULL,
        owner_id VARCHAR(128) NOT NULL,
        details_json LONGTEXT NOT NULL,
        PRIMARY KEY (event_id),
        INDEX idx_audit_events_at (at),
        INDEX idx_audit_events_action_at (action, at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE audit_events');
  }
}
