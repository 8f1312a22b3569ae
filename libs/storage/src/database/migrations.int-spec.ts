/** The project's TypeORM migrations applied to a fresh MariaDB database, then reverted. */
import { randomUUID } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { loadConfig } from '@modelstream/config';
import { dataSourceOptions } from './data-source-options';
import { MIGRATIONS } from './migrations';

jest.setTimeout(60_000);

describe('TypeORM migrations (real MariaDB)', () => {
  const config = loadConfig();
  const database = `modelstream_it_${randomUUID().slice(0, 8)}`;
  const admin = () =>
    createConnection({
      host: config.MARIADB_HOST,
      port: config.MARIADB_PORT,
      user: config.MARIADB_USER,
      password: config.MARIADB_PASSWORD,
    });

  beforeAll(async () => {
    const conn = await admin();
    await conn.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await conn.end();
  });

  afterAll(async () => {
    const conn = await admin();
    await conn.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await conn.end();
  });

  it('applies every migration to an empty database and reverts them', async () => {
    expect(MIGRATIONS.length).toBeGreaterThan(0);
    const ds = new DataSource({ ...dataSourceOptions(config, database), migrationsRun: false });
    await ds.initialize();
    try {
      const applied = await ds.runMigrations({ transaction: 'each' });
      expect(applied.map((m) => m.name)).toHaveLength(MIGRATIONS.length);
      const rows: { name: string }[] = await ds.query('SELECT name FROM typeorm_migrations ORDER BY id');
      expect(rows.map((r) => r.name)).toEqual(applied.map((m) => m.name));
      for (const entity of ds.entityMetadatas) {
        const [{ n }] = await ds.query('SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = ? AND table_name = ?', [
          database,
          entity.tableName,
        ]);
        expect({ table: entity.tableName, exists: Number(n) }).toEqual({ table: entity.tableName, exists: 1 });
      }
      expect(await ds.runMigrations()).toEqual([]); // idempotent
      for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration();
      const [{ n }] = await ds.query('SELECT COUNT(*) AS n FROM typeorm_migrations');
      expect(Number(n)).toBe(0);
    } finally {
      await ds.destroy();
    }
  });
});
