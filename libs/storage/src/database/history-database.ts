/**
 * Opening the history database outside the Nest apps (replay CLI, benches, tests): a DataSource on any
 * database name (created if missing, migrations applied), and the helpers that empty or drop one.
 */
import { DataSource } from 'typeorm';
import type { AppConfig } from '@modelstream/config';
import { dataSourceOptions } from './data-source-options';

const SAFE_NAME = /^[A-Za-z0-9_]{1,64}$/;

function checkName(name: string): string {
  if (!SAFE_NAME.test(name)) throw new Error(`database name '${name}' must be letters, digits or underscores (at most 64)`);
  return name;
}

async function withServer<T>(config: AppConfig, fn: (ds: DataSource) => Promise<T>): Promise<T> {
  const base = dataSourceOptions(config);
  const server = new DataSource({ ...base, database: undefined, entities: [], migrations: [], migrationsRun: false } as typeof base);
  await server.initialize();
  try {
    return await fn(server);
  } finally {
    await server.destroy();
  }
}

/** Creates the database if needed and opens it with every migration applied. */
export async function openHistoryDatabase(config: AppConfig, name = config.MARIADB_DATABASE): Promise<DataSource> {
  await withServer(config, (s) =>
    s.query(`CREATE DATABASE IF NOT EXISTS \`${checkName(name)}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`),
  );
  const ds = new DataSource({ ...dataSourceOptions(config, name), migrationsRun: true });
  await ds.initialize();
  return ds;
}

export async function dropDatabase(config: AppConfig, name: string): Promise<void> {
  await withServer(config, (s) => s.query(`DROP DATABASE IF EXISTS \`${checkName(name)}\``));
}

/** The history tables, children first. */
export const HISTORY_TABLES = [
  'job_metrics',
  'job_status_transitions',
  'job_event_cursors',
  'training_jobs',
  'sweeps',
  'datasets',
  'audit_events',
] as const;

/** Deletes every row of the history tables (the schema and its migrations stay). */
export async function emptyHistoryTables(ds: DataSource): Promise<void> {
  await ds.transaction(async (em) => {
    for (const table of HISTORY_TABLES) await em.query(`DELETE FROM ${table}`);
  });
}
