/**
 * The System page's summary of `GET /api/ops/consumers`: every consumer group of this namespace with its lag
 * per topic, and the trainer instances (the members of the trainer group).
 */
import type { components } from '@sdk/generated/ingest';

type IngestSchemas = components['schemas'];

export type ConsumersAnswer = IngestSchemas['ConsumerGroupsView'];
export type ConsumerGroup = IngestSchemas['ConsumerGroupView'];

export interface LagRow {
  groupId: string;
  state: string;
  members: number;
  topic: string;
  lag: number;
  partitions: number;
  /** Partitions with messages not yet handled. */
  behind: number;
}

export interface TrainerInstance {
  /** The group member's id (the client id and a unique suffix): tells instances with the same client id apart. */
  memberId: string;
  clientId: string;
  host: string;
  partitions: string;
}

export interface LagSummary {
  rows: LagRow[];
  totalLag: number;
  trainerGroup: string | null;
  trainers: TrainerInstance[];
}

/** The group that takes training requests: `<namespace>modelstream-trainer` (the per-instance control groups are not it). */
export const isTrainerGroup = (groupId: string): boolean => /(^|\.)modelstream-trainer$/.test(groupId);

export function summarizeConsumers(answer: ConsumersAnswer): LagSummary {
  const rows: LagRow[] = [];
  for (const group of answer.groups) {
    for (const t of group.topics) {
      rows.push({
        groupId: group.groupId,
        state: group.state,
        members: group.members.length,
        topic: t.topic,
        lag: t.lag,
        partitions: t.partitions.length,
        behind: t.partitions.filter((p) => p.lag > 0).length,
      });
    }
  }
  // The most behind first, so a stuck consumer is at the top.
  rows.sort((a, b) => b.lag - a.lag || a.groupId.localeCompare(b.groupId) || a.topic.localeCompare(b.topic));
  const trainerGroup = answer.groups.find((g) => isTrainerGroup(g.groupId)) ?? null;
  const trainers = (trainerGroup?.members ?? [])
    .map((m) => ({
      memberId: m.memberId,
      clientId: m.clientId,
      host: m.host,
      partitions: m.topics.map((t) => `${t.topic} [${t.partitions.join(', ')}]`).join('; ') || 'none',
    }))
    .sort((a, b) => a.clientId.localeCompare(b.clientId) || a.memberId.localeCompare(b.memberId));
  return { rows, totalLag: rows.reduce((sum, r) => sum + r.lag, 0), trainerGroup: trainerGroup?.groupId ?? null, trainers };
}
