import { ApiProperty } from '@nestjs/swagger';

export class MemberTopicView {
  @ApiProperty({ example: 'modelstream.training-requests' }) topic!: string;
  @ApiProperty({ type: [Number], description: 'Partitions of the topic assigned to the member' }) partitions!: number[];
}

/** A member of a group: one consumer process (a trainer instance in the trainer group). */
export class ConsumerMemberView {
  @ApiProperty() memberId!: string;
  @ApiProperty({ description: "The consumer's KAFKA_CLIENT_ID" }) clientId!: string;
  @ApiProperty({ example: '/127.0.0.1', description: 'The address the broker sees the member at' }) host!: string;
  @ApiProperty({ type: [MemberTopicView], description: 'Assigned partitions by topic; empty while the group rebalances' })
  topics!: MemberTopicView[];
}

export class PartitionLagView {
  @ApiProperty() partition!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Next offset the group will read; null if it never committed one' })
  committedOffset!: number | null;
  @ApiProperty({ description: "The partition's end (high watermark): the offset of the next message written" }) endOffset!: number;
  @ApiProperty({ description: 'Messages not yet consumed: endOffset - committedOffset (from the oldest kept message when none committed)' })
  lag!: number;
}

export class ConsumerTopicLagView {
  @ApiProperty({ example: 'modelstream.upload-chunks' }) topic!: string;
  @ApiProperty({ description: "Sum of the partitions' lag" }) lag!: number;
  @ApiProperty({ type: [PartitionLagView] }) partitions!: PartitionLagView[];
}

export class ConsumerGroupView {
  @ApiProperty({ example: 'modelstream-status-projector-v2', description: 'Without the KAFKA_NAMESPACE prefix' }) groupId!: string;
  @ApiProperty({
    example: 'Stable',
    description: 'Stable, PreparingRebalance, CompletingRebalance, Empty (no member running), Dead or Unknown',
  })
  state!: string;
  @ApiProperty({ description: "Sum of the topics' lag" }) lag!: number;
  @ApiProperty({ type: [ConsumerMemberView] }) members!: ConsumerMemberView[];
  @ApiProperty({ type: [ConsumerTopicLagView], description: 'The topics the group reads (committed to or assigned), by name' })
  topics!: ConsumerTopicLagView[];
}

/** The consumer groups of this app's namespace, as the broker answered at checkedAt. */
export class ConsumerGroupsView {
  @ApiProperty({ example: '2025-11-30T12:00:00.000Z' }) checkedAt!: string;
  @ApiProperty({ type: [ConsumerGroupView], description: 'Groups reading the namespace topics, by groupId' })
  groups!: ConsumerGroupView[];
}
