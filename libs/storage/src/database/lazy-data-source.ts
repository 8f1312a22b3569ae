/**
 * A small read pool on the MariaDB database for an app that does not own the schema (inference, the trainer):
 * only the given entities, no migrations (ingest runs them), opened on first use — an app that never needs it
 * never connects — and closed with the app. A failed open is tried again on the next use.
 */
import { DataSource } from 'typeorm';
import type { AppConfig } from '@modelstream/config';
import { dataSourceOptions } from './data-source-options';

export class LazyDataSource {
  private opening?: Promise<DataSource>;
  private opened?: DataSource;

  constructor(
    private readonly config: AppConfig,
    private readonly entities: Function[],
    private readonly connectionLimit = 2,
  ) {}

  get(): Promise<DataSource> {
    if (!this.opening) {
      const ds = new DataSource({
        ...dataSourceOptions(this.config),
        entities: this.entities,
        migrations: [],
        migrationsRun: false,
        extra: { connectionLimit: this.connectionLimit },
      });
      this.opening = ds.initialize().then(() => (this.opened = ds));
      this.opening.catch(() => (this.opening = undefined));
    }
    return this.opening;
  }

  async close(): Promise<void> {
    await this.opened?.destroy().catch(() => undefined);
  }
}
