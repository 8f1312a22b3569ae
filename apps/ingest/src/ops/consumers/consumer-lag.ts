/**
 * The consumer groups answer from what the broker said (libs/kafka readConsumerGroups): which groups read this
 * namespace's topics, their members' assignments, and their lag per topic and partition. Pure arithmetic.
 */
import type { ConsumerGroupsSnapshot, GroupSnapshot, TopicWatermarks } from '@modelstream/kafka';
import { ConsumerGroupsView, ConsumerGroupView, ConsumerTopicLagView, PartitionLagView } from './consumers.views';

const byName =
  <T>(key: (item: T) => string) =>
  (a: T, b: T) =>
    key(a).localeCompare(key(b));

/**
 * A partition's lag: what is written and not yet consumed. With no committed offset the group starts from the
 * oldest message kept (the low watermark), so that is what it has to read; a committed offset below the low
 * watermark (retention removed messages) counts from the low watermark too. Never negative.
 */
export function partitionLag(committed: string | undefined, low: string, high: string): PartitionLagView['lag'] {
  const end = Number(high);
  const start = Math.max(Number(low), committed === undefined || Number(committed) < 0 ? Number(low) : Number(committed));
  return Math.max(0, end - start);
}

/** The topics a group reads: those it committed an offset on, and those assigned to its members. */
function topicsRead(group: GroupSnapshot, known: Set<string>): Set<string> {
  const read = new Set<string>();
  for (const { topic, partitions } of group.committed) if (partitions.some((p) => Number(p.offset) >= 0)) read.add(topic);
  for (const member of group.members) for (const { topic } of member.assignment) read.add(topic);
  return new Set([...read].filter((t) => known.has(t)));
}

function topicLag(group: GroupSnapshot, watermarks: TopicWatermarks): ConsumerTopicLagView {
  const offsets = new Map(
    (group.committed.find((c) => c.topic === watermarks.topic)?.partitions ?? []).map((p) => [p.partition, p.offset] as const),
  );
  const partitions = [...watermarks.partitions]
    .sort((a, b) => a.partition - b.partition)
    .map(({ partition, low, high }): PartitionLagView => {
      const offset = offsets.get(partition);
      const committed = offset !== undefined && Number(offset) >= 0 ? Number(offset) : null;
      return { partition, committedOffset: committed, endOffset: Number(high), lag: partitionLag(offset, low, high) };
    });
  return { topic: watermarks.topic, lag: partitions.reduce((sum, p) => sum + p.lag, 0), partitions };
}

/**
 * The API's answer: every group that reads at least one of the snapshot's topics (a group of the namespace
 * reading none of them, e.g. a schema registry's own group, is not a consumer of ours), by groupId, with its
 * members, its lag per topic and in total.
 */
export function consumerGroupsView(snapshot: ConsumerGroupsSnapshot, checkedAt: Date): ConsumerGroupsView {
  const watermarks = new Map(snapshot.topics.map((t) => [t.topic, t]));
  const known = new Set(watermarks.keys());
  const groups = snapshot.groups
    .map((group): ConsumerGroupView | null => {
      const read = topicsRead(group, known);
      if (read.size === 0) return null;
      const topics = [...read].sort().map((topic) => topicLag(group, watermarks.get(topic)!));
      return {
        groupId: group.groupId,
        state: group.state,
        lag: topics.reduce((sum, t) => sum + t.lag, 0),
        members: group.members
          .map((m) => ({
            memberId: m.memberId,
            clientId: m.clientId,
            host: m.host,
            topics: [...m.assignment].sort(byName((a) => a.topic)).map((a) => ({ topic: a.topic, partitions: [...a.partitions] })),
          }))
          .sort(byName((m) => `${m.clientId}\u0000${m.memberId}`)),
        topics,
      };
    })
    .filter((g): g is ConsumerGroupView => g !== null)
    .sort(byName((g) => g.groupId));
  return { checkedAt: checkedAt.toISOString(), groups };
}
