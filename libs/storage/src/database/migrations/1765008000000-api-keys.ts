import { MigrationInterface, QueryRunner } from 'typeorm';

/** API keys (libs/auth): their SHA-256, owner and scopes, looked up by the hash's first 16 hex digits. */
export class ApiKeys1765008000000 implements MigrationInterface {
  name = 'ApiKeys1765008000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api_keys (
        key_id CHAR(16) NOT NULL,
        key_hash CHAR(64) NOT NULL,
        name VARCHAR(128) NOT NULL,
        owner_id VARCHAR(128) NOT NULL,
        scopes VARCHAR(64) NOT NULL,
        created_by VARCHAR(128) NOT NULL,
        created_at DATETIME(3) NOT NULL,
        revoked_at DATETIME(3) NULL,
        PRIMARY KEY (key_id),
        INDEX idx_api_keys_owner (owner_id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE api_keys');
  }
}
