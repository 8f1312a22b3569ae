/** How a MariaDB failure worth another try is told from one about the row itself (by errno). */
/** MariaDB errors after which the whole transaction can simply run again. */
export const RETRYABLE_ERRNOS = new Set([1213 /* deadlock */, 1205 /* lock wait timeout */, 1062 /* duplicate key: a racing insert */]);
/** MariaDB errors about the row itself: the same event fails the same way however often it is tried. */
export const PERMANENT_ERRNOS = new Set([
  1048, // column cannot be null
  1216, // foreign key: no parent (old code)
  1217, // foreign key: row is referenced (old code)
  1263, // null into a NOT NULL column
  1264, // out of range value
  1265, // data truncated
  1292, // incorrect date/time or number value
  1364, // no default value
  1366, // incorrect value for the column
  1367, // illegal value
  1406, // data too long for the column
  1451, // foreign key: row is referenced
  1452, // foreign key: no parent row
  1690, // value out of range
  3819, // check constraint (MySQL)
  4025, // check constraint (MariaDB)
]);

export function errnoOf(error: unknown): number {
  const e = error as { errno?: number; driverError?: { errno?: number } };
  return e?.driverError?.errno ?? e?.errno ?? 0;
}

/**
 * How a transaction that met a conflict (RETRYABLE_ERRNOS) runs again, as options of @modelstream/resilience's retry:
 * soon, spread apart, 10 tries in all.
 */
export const CONFLICT_RETRY = {
  attempts: 10,
  initialDelayMs: 5,
  maxDelayMs: 200,
  jitter: true,
  retryIf: (error: unknown): boolean => RETRYABLE_ERRNOS.has(errnoOf(error)),
};
