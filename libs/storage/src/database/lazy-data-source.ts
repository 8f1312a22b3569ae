/**
 * A small extra pool on the MariaDB database, opened on first use (an app that never needs it never connects) and
 * closed with its owner; a failed open is tried again on the next use. Two kinds:
 * - `reading`: for an app that does not own the schema (inference, the trainer): only the given entities, no
 *   migrations (ingest runs them);
 * - `multiStatement`: beside an open DataSource, on its database, whose connections take several statements in one
 *   query (mysql2's multipleStatements), so a writer sends a transaction's statements in one round trip rather than
 *   one each. Only for SQL whose values go as parameters (mysql2 escapes them); the app's main pool stays one
 *   statement per query, so no other query can run more than it says.
 */
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { AppConfig } from '@modelstream/config';
import { dataSourceOptions } from './data-source-options';

export class LazyDataSource {
  private opening?: Promise<DataSource>;

  private constructor(private readonly options: () => DataSourceOptions) {}

  static reading(config: AppConfig, entities: Function[], connectionLimit = 2): LazyDataSource {
    return new LazyDataSource(() => ({
      ...dataSourceOptions(config),
      entities,
      migrations: [],
      migrationsRun: false,
      extra: { connectionLimit },
    }));
  }

  static multiStatement(base: DataSource, connectionLimit = 2): LazyDataSource {
    return new LazyDataSource(
      () =>
        ({
          ...base.options,
          migrations: [],
          migrationsRun: false,
          extra: { connectionLimit, multipleStatements: true },
        }) as DataSourceOptions,
    );
  }

  get(): Promise<DataSource> {
    if (!this.opening) {
      const ds = new DataSource(this.options());
      const opening = ds.initialize();
      this.opening = opening;
      opening.catch(() => {
        if (this.opening === opening) this.opening = undefined;
      });
    }
    return this.opening;
  }

  async close(): Promise<void> {
    const opening = this.opening;
    this.opening = undefined;
    const ds = await opening?.catch(() => undefined);
    await ds?.destroy().catch(() => undefined);
  }
}
