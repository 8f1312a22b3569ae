/**
 * What the broker knows of the consumer groups of this app's namespace, read through the app's one admin
 * client (KafkaClient): each group's state, its members with the partitions assigned to them, its committed
 * offsets on the given topics, and the topics' watermarks. Names come back logical (KAFKA_NAMESPACE taken off);
 * offsets as the broker gives them (strings, "-1" for a partition the group never committed). Lag arithmetic
 * and the API's shape are the caller's.
 */
import { AssignerProtocol, GroupOverview, MemberDescription } from 'kafkajs';
import { mapLimit } from '@modelstream/resilience';
import { KafkaClient, PartitionOffsets } from './kafka-client';

/** Groups whose committed offsets are read at once (one OffsetFetch request each). */
const OFFSET_FETCH_CONCURRENCY = 8;

export interface TopicPartitions {
  topic: string;
  partitions: number[];
}

export interface GroupMemberSnapshot {
  memberId: string;
  clientId: string;
  host: string;
  /** The partitions assigned to the member, by (logical) topic; empty while the group rebalances. */
  assignment: TopicPartitions[];
}

export interface CommittedOffsets {
  topic: string;
  partitions: { partition: number; offset: string }[];
}

export interface GroupSnapshot {
  /** Logical group id. */
  groupId: string;
  /** Stable, PreparingRebalance, CompletingRebalance, Empty, Dead or Unknown. */
  state: string;
  members: GroupMemberSnapshot[];
  /** Committed offsets on the asked topics that exist ("-1": never committed). */
  committed: CommittedOffsets[];
}

export interface TopicWatermarks {
  topic: string;
  partitions: PartitionOffsets[];
}

export interface ConsumerGroupsSnapshot {
  groups: GroupSnapshot[];
  topics: TopicWatermarks[];
}

/**
 * Every consumer group of the client's namespace (its id starts with KAFKA_NAMESPACE), with its offsets on
 * `topics` (logical names; those missing on the broker are left out) and those topics' watermarks. Unbounded in
 * time: wrap it in the caller's timeout.
 */
export async function readConsumerGroups(kafka: KafkaClient, topics: readonly string[]): Promise<ConsumerGroupsSnapshot> {
  const admin = await kafka.getAdmin();
  const [existing, { groups }] = await Promise.all([admin.listTopics(), admin.listGroups()]);
  const onBroker = new Set(existing);
  const physicalTopics = topics.map((t) => kafka.topicName(t)).filter((t) => onBroker.has(t));
  const groupIds = groups
    .filter((g: GroupOverview) => g.groupId.startsWith(kafka.namespace) && (g.protocolType === 'consumer' || g.protocolType === ''))
    .map((g) => g.groupId)
    .sort();
  const [described, watermarks] = await Promise.all([
    groupIds.length > 0 ? admin.describeGroups(groupIds) : Promise.resolve({ groups: [] }),
    Promise.all(physicalTopics.map(async (topic) => ({ topic, partitions: await admin.fetchTopicOffsets(topic) }))),
  ]);
  const committed = await mapLimit(groupIds, OFFSET_FETCH_CONCURRENCY, (groupId) =>
    physicalTopics.length > 0 ? admin.fetchOffsets({ groupId, topics: physicalTopics }) : Promise.resolve([]),
  );
  const descriptions = new Map(described.groups.map((g) => [g.groupId, g]));
  return {
    groups: groupIds.map((groupId, i) => {
      const description = descriptions.get(groupId);
      return {
        groupId: kafka.logicalName(groupId),
        state: description?.state ?? 'Unknown',
        members: (description?.members ?? []).map((m) => memberSnapshot(kafka, m)),
        committed: committed[i].map(({ topic, partitions }) => ({
          topic: kafka.logicalName(topic),
          partitions: partitions.map(({ partition, offset }) => ({ partition, offset })),
        })),
      };
    }),
    topics: watermarks.map(({ topic, partitions }) => ({
      topic: kafka.logicalName(topic),
      partitions: partitions.map(({ partition, low, high }) => ({ partition, low, high })),
    })),
  };
}

function memberSnapshot(kafka: KafkaClient, member: MemberDescription): GroupMemberSnapshot {
  const decoded = member.memberAssignment.length > 0 ? AssignerProtocol.MemberAssignment.decode(member.memberAssignment) : null;
  return {
    memberId: member.memberId,
    clientId: member.clientId,
    host: member.clientHost,
    assignment: Object.entries(decoded?.assignment ?? {}).map(([topic, partitions]) => ({
      topic: kafka.logicalName(topic),
      partitions: [...partitions].sort((a, b) => a - b),
    })),
  };
}
