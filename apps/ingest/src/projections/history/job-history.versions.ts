/**
 * Version numbers of the jobs a batch requests: 1, 2, 3... per (dataset checksum, model type) in the order of the
 * requests' times (ties: trackingId), exactly as applying the requests one by one would number them. Each
 * group is taken through its row in job_version_groups (so transactions numbering one group queue, whatever their
 * isolation), then its job rows are read, the new jobs take their places among them, and the rows after a new job
 * move up by one per new job before them.
 */
import { EntityManager } from 'typeorm';

export interface VersionRequest {
  trackingId: string;
  datasetSha256: string;
  modelType: string;
  /** When the job was requested (ms). */
  requestedAt: number;
}

export interface BatchVersions {
  /** The version of each requested job. */
  versions: Map<string, number>;
  /** How much each already numbered row of the groups moves up (rows of jobs before every new one are absent). */
  shifts: Map<string, number>;
}

interface Numbered {
  trackingId: string;
  at: number;
  version: number | null;
}

const before = (a: { trackingId: string; at: number }, b: { trackingId: string; at: number }) =>
  a.at < b.at || (a.at === b.at && a.trackingId < b.trackingId);

/**
 * Locks the (dataset checksum, model type) groups, in the order given, until the transaction ends: an upsert
 * takes the group row's exclusive lock, and a transaction that meets a group another one is creating waits for
 * it to commit, then reads the job rows it wrote.
 */
export async function lockVersionGroups(em: EntityManager, groups: Array<[sha256: string, modelType: string]>): Promise<void> {
  if (groups.length === 0) return;
  await em.query(
    `INSERT INTO job_version_groups (dataset_sha256, model_type) VALUES ${groups.map(() => '(?, ?)').join(', ')}
      ON DUPLICATE KEY UPDATE model_type = VALUES(model_type)`,
    groups.flat(),
  );
}

export async function numberRequests(em: EntityManager, requests: VersionRequest[]): Promise<BatchVersions> {
  const result: BatchVersions = { versions: new Map(), shifts: new Map() };
  const groups = new Map<string, VersionRequest[]>();
  for (const r of requests) {
    const key = JSON.stringify([r.datasetSha256, r.modelType]);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const keys = [...groups.keys()].sort();
  await lockVersionGroups(
    em,
    keys.map((key) => JSON.parse(key) as [string, string]),
  );
  for (const key of keys) {
    const group = groups.get(key)!;
    const [sha, modelType] = JSON.parse(key) as [string, string];
    const rows = (await em.query(
      `SELECT tracking_id, requested_at, version FROM training_jobs
        WHERE dataset_sha256 = ? AND model_type = ? AND requested_at IS NOT NULL FOR UPDATE`,
      [sha, modelType],
    )) as Array<{ tracking_id: string; requested_at: Date; version: number | null }>;
    const fresh = new Set(group.map((r) => r.trackingId));
    const others: Numbered[] = rows
      .filter((r) => !fresh.has(r.tracking_id))
      .map((r) => ({ trackingId: r.tracking_id, at: r.requested_at.getTime(), version: r.version }));
    const added = group.map((r) => ({ trackingId: r.trackingId, at: r.requestedAt }));
    for (const job of added) {
      const earlier = others.filter((o) => before(o, job)).length + added.filter((a) => before(a, job)).length;
      result.versions.set(job.trackingId, earlier + 1);
    }
    for (const row of others) {
      const shift = row.version === null ? 0 : added.filter((a) => before(a, row)).length;
      if (shift > 0) result.shifts.set(row.trackingId, shift);
    }
  }
  return result;
}
