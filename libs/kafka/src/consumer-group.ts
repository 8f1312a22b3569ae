/**
 * A consumer group as our handlers declare it. Its handlers are `@EventPattern(group.events(...),
 * group.extras)` methods: the pattern names the group, the topic and optionally the event type, so two
 * groups reading the same topics (the ingest app's status and history projectors) stay two groups with
 * their own offsets, and the extras carry the group's settings to the KafkaEventTransport.
 */
import type { Type } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import type { TopicSpec } from '@modelstream/contracts';
import type { RetryCounter } from './consumed-message';

export interface ConsumerGroupOptions {
  /** Names the group in its patterns (unique per app). */
  name: string;
  /** The logical group id, or how to read it from the app (config, instance id). */
  groupId: string | ((ref: ModuleRef) => string);
  topics: readonly TopicSpec[];
  /**
   * Handlers that run for minutes (trainings): one message at a time with small fetches, the handler keeps
   * the membership alive through the context's heartbeat, the offset is committed right after each message,
   * and a rebalance waits this long for the busy member before it hands its partitions over.
   */
  longRunning?: { rebalanceTimeoutMs: number };
  /**
   * A group of this process alone, so every instance sees every message (e.g. cancel requests): deleted on
   * close, and a message it can never handle is skipped with a warning, not dead-lettered by every instance.
   */
  perInstance?: boolean;
  /** Read to the end of its topics (bounded wait) before the app's other groups start consuming. */
  catchUpFirst?: boolean;
  /**
   * How a fetch gathers messages (default: the broker answers as soon as one is there). GATHERED_FETCH suits a
   * projector of a busy topic: one fetch takes the few messages that came meanwhile, not one each.
   */
  fetch?: FetchGathering;
  /** Tries of a message whose handling fails transiently before it is dead-lettered (default 8). */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt up to 10 s (default 250 ms). */
  retryDelayMs?: number;
  /** Durable attempt counting (resolved from the app); without it attempts are counted in memory. */
  retryCounter?: Type<RetryCounter>;
}

/** The broker answers a fetch once `minBytes` of messages are there, or `maxWaitMs` after it came. */
export interface FetchGathering {
  minBytes: number;
  maxWaitMs: number;
}

/**
 * Fetches that gather a few KiB of messages, waiting at most a quarter of a second for them. While an upload streams
 * (50–100 chunk events a second) a fetch then takes a dozen events, not one: measured on 2 cores, a tenth more upload
 * throughput and a third less broker CPU. A stream of 2k events a second fills 4 KiB in a few milliseconds, so its
 * projection lag is unchanged (bench/replay/lag.ts); a lone event waits up to the quarter second, and an idle group
 * asks four times a second.
 */
export const GATHERED_FETCH: FetchGathering = { minBytes: 4096, maxWaitMs: 250 };

/** One route of a group: its events on one topic, of one type or of any; or (`batch`) its batches of one topic. */
export interface EventRoute {
  group: string;
  topic: string;
  type?: string;
  batch?: 'true';
}

export const CONSUMER_GROUP_EXTRA = 'consumerGroup';

export class ConsumerGroup {
  constructor(readonly options: ConsumerGroupOptions) {}

  get name(): string {
    return this.options.name;
  }

  /** The patterns of a handler of this group: its events on `topics` (default: all of the group's), of `type` (default: any). */
  events(filter: { topics?: readonly TopicSpec[]; type?: string } = {}): EventRoute[] {
    const topics = filter.topics ?? this.options.topics;
    return topics.map((t) => ({ group: this.name, topic: t.name, ...(filter.type ? { type: filter.type } : {}) }));
  }

  /**
   * The patterns of a batch handler of this group (default: for all of its topics): it gets the decoded events of
   * one fetch of one partition, in order, as an array. A group with batch handlers keeps its single-event handlers:
   * a batch that fails is handled again message by message through them (so each message is classified, retried or
   * dead-lettered on its own), and a topic without a batch handler is always handled message by message.
   */
  batches(filter: { topics?: readonly TopicSpec[] } = {}): EventRoute[] {
    return (filter.topics ?? this.options.topics).map((t) => ({ group: this.name, topic: t.name, batch: 'true' }));
  }

  /** The `@EventPattern` extras that carry this group to the transport. */
  get extras(): Record<string, ConsumerGroup> {
    return { [CONSUMER_GROUP_EXTRA]: this };
  }
}
