/**
 * Statements sent to MariaDB together: queued with their parameters and sent as one query (one round trip) on a
 * connection of a multi-statement pool (LazyDataSource.multiStatement). A query stays under MAX_QUERY_BYTES
 * (MariaDB refuses a packet over max_allowed_packet, 16 MiB by default): a statement that would take the queue
 * over it sends the queue first. MariaDB runs a query's statements in order and stops at the first that fails,
 * whose error the query then rejects with.
 */
import type { QueryRunner } from 'typeorm';

/** A quarter of MariaDB's default max_allowed_packet. */
export const MAX_QUERY_BYTES = 4 * 1024 * 1024;

/** An upper bound of a value's size in the query (escaping doubles a string's quotes and backslashes at worst). */
function boundOf(value: unknown): number {
  if (typeof value === 'string') return 2 * Buffer.byteLength(value) + 2;
  if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + boundOf(v) + 2, 2);
  return 32;
}

export class StatementBatch {
  private sql: string[] = [];
  private params: unknown[] = [];
  private bytes = 0;

  constructor(
    private readonly runner: QueryRunner,
    private readonly maxBytes = MAX_QUERY_BYTES,
  ) {}

  /** Queues a statement (its `?` take `params` in order); sends the queue first if the statement would not fit. */
  async add(sql: string, params: unknown[] = []): Promise<void> {
    const bytes = sql.length + 2 + boundOf(params);
    if (this.sql.length > 0 && this.bytes + bytes > this.maxBytes) await this.send();
    this.sql.push(sql);
    this.params.push(...params);
    this.bytes += bytes;
  }

  /** Sends the queued statements and then `last` (e.g. COMMIT) as one query; resolves to each statement's result. */
  async send(...last: string[]): Promise<unknown[]> {
    const sql = [...this.sql, ...last];
    const params = this.params;
    this.sql = [];
    this.params = [];
    this.bytes = 0;
    if (sql.length === 0) return [];
    const results = (await this.runner.query(sql.join(';\n'), params)) as unknown;
    return sql.length === 1 ? [results] : (results as unknown[]);
  }
}
