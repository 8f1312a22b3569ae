/**
 * TypeORM options for MariaDB (mysql2 driver). Schema changes go through migrations, run at start;
 * `synchronize` is never on outside throwaway tests.
 */
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '@modelstream/config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export function dataSourceOptions(config: AppConfig, database = config.MARIADB_DATABASE): DataSourceOptions {
  return {
    type: 'mariadb',
    host: config.MARIADB_HOST,
    port: config.MARIADB_PORT,
    username: config.MARIADB_USER,
    password: config.MARIADB_PASSWORD,
    database,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsRun: true,
    synchronize: false,
    connectTimeout: 3000,
    extra: { connectionLimit: 10 },
  };
}
