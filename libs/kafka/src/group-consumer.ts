/**
 * One consumer group on KafkaJS. Joins in the background and keeps trying while Kafka is away (the app
 * serves /health meanwhile), after making sure its topics exist with their own partitions and retention.
 * Each message goes through EventDelivery; its offset is committed only once that resolved — by KafkaJS's
 * auto-commit of resolved offsets, or right after the message for long-running groups (trainings), whose
 * members handle one message at a time with small fetches and a long rebalance timeout, so a rebalance
 * waits for the running job instead of handing it to another instance. On stop it fetches no more, and the
 * message in hand (told by `shuttingDown()`) is handed back uncommitted. A group with batch handlers takes each
 * fetch of a partition at once (BatchDelivery), every partition side by side; what its batches handled is committed
 * on a clock (IntervalCommitter), not after every fetch.
 */
import { Logger } from '@nestjs/common';
import type { Consumer, EachBatchPayload, EachMessagePayload } from 'kafkajs';
import { TOPICS } from '@modelstream/contracts';
import { retry } from '@modelstream/resilience';
import type { ConsumerGroupOptions } from './consumer-group';
import { BatchDelivery, EventBatchDispatch } from './batch-delivery';
import type { RetryCounter } from './consumed-message';
import type { DeadLetterWriter } from './dead-letter.writer';
import type { EventCodec } from './event-codec';
import { EventDelivery, EventDispatch } from './event-delivery';
import { IntervalCommitter } from './interval-committer';
import { errorMessage, KafkaClient } from './kafka-client';

export interface GroupPlan {
  group: ConsumerGroupOptions;
  /** Logical group id, resolved from the app. */
  groupId: string;
  counter?: RetryCounter;
  dispatch: EventDispatch;
  /** The group's batch handler and the (logical) topics it takes; without them, message by message. */
  batches?: { dispatch: EventBatchDispatch; topics: ReadonlySet<string> };
}

const LONG_RUNNING_FETCH_BYTES = 64 * 1024;
const CATCH_UP_TIMEOUT_MS = 20_000;
/** How long a stop waits for a join in progress (one that waits out a retry delay gives up on its own). */
const STOP_WAIT_MS = 5000;
/** How often a batch group commits what it handled (a crash redelivers at most this much to idempotent handlers). */
export const BATCH_COMMIT_INTERVAL_MS = 500;

/** Thrown for a message that arrives while the group stops: it stays uncommitted. */
export class ConsumerStoppingError extends Error {
  override name = 'ConsumerStoppingError';
}

export class GroupConsumer {
  private readonly logger: Logger;
  private readonly delivery: EventDelivery;
  private readonly batchDelivery?: BatchDelivery;
  private readonly committer: IntervalCommitter;
  /** Batches being handled: a stop lets them finish before the last commit. */
  private readonly inHand = new Set<Promise<void>>();
  private consumer?: Consumer;
  private stopping = false;
  private starting?: Promise<void>;
  private stopped?: Promise<void>;
  /** Next offset to read per `topic:partition` (logical), for the catch-up wait. */
  private readonly next = new Map<string, bigint>();

  constructor(
    private readonly kafka: KafkaClient,
    codec: EventCodec,
    deadLetters: DeadLetterWriter,
    private readonly plan: GroupPlan,
  ) {
    this.logger = new Logger(`GroupConsumer:${plan.groupId}`);
    this.committer = new IntervalCommitter(BATCH_COMMIT_INTERVAL_MS, this.logger);
    this.delivery = new EventDelivery(codec, deadLetters, plan.dispatch, {
      group: plan.groupId,
      maxAttempts: plan.group.maxAttempts ?? 8,
      retryDelayMs: plan.group.retryDelayMs ?? 250,
      perInstance: plan.group.perInstance ?? false,
      counter: plan.counter,
    });
    if (plan.batches && plan.batches.topics.size > 0 && !plan.group.longRunning) {
      this.batchDelivery = new BatchDelivery(codec, this.delivery, plan.batches.dispatch, plan.groupId);
    }
  }

  get catchUpFirst(): boolean {
    return this.plan.group.catchUpFirst ?? false;
  }

  /**
   * Joins, retrying with backoff until it consumes or is stopped. Resolves once consuming (for a
   * `catchUpFirst` group: once it read what its topics held at start, or after a bound) or stopped.
   */
  start(): Promise<void> {
    this.starting = retry(() => this.join(), {
      attempts: Number.POSITIVE_INFINITY,
      initialDelayMs: 1000,
      maxDelayMs: 15_000,
      retryIf: () => !this.stopping,
      onRetry: (error, attempt) => this.logger.warn({ attempt, err: errorMessage(error), msg: 'consumer group not started yet; retrying' }),
    }).catch((error: unknown) => {
      if (!this.stopping) throw error;
    });
    return this.starting;
  }

  /** Stops fetching and leaves the group; the message in hand is handed back uncommitted. Idempotent. */
  stop(): Promise<void> {
    this.stopping = true;
    this.stopped ??= (async () => {
      await Promise.allSettled(this.inHand);
      await this.committer.stop();
      await this.disconnect();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.starting, new Promise((r) => (timer = setTimeout(r, STOP_WAIT_MS)))]);
      clearTimeout(timer);
      if (this.plan.group.perInstance) {
        // The group belongs to this process alone: remove it so groups do not pile up.
        await this.kafka.deleteGroups([this.plan.groupId]).catch(() => undefined);
      }
    })();
    return this.stopped;
  }

  private async join(): Promise<void> {
    if (this.stopping) return;
    const { topics, longRunning, fetch } = this.plan.group;
    // A subscription could otherwise auto-create a topic with broker defaults; creating them is idempotent.
    await this.kafka.ensureTopics([...topics, TOPICS.deadLetters]);
    const ends = this.catchUpFirst ? await this.endOffsets() : undefined;
    const consumer = this.kafka.newConsumer({
      groupId: this.plan.groupId,
      sessionTimeout: this.kafka.config.KAFKA_SESSION_TIMEOUT_MS,
      // a tenth of the session: a member misses several heartbeats before the group gives up on it
      heartbeatInterval: Math.max(1000, Math.floor(this.kafka.config.KAFKA_SESSION_TIMEOUT_MS / 10)),
      ...(longRunning ? { rebalanceTimeout: longRunning.rebalanceTimeoutMs, maxBytesPerPartition: LONG_RUNNING_FETCH_BYTES } : {}),
      ...(fetch ? { minBytes: fetch.minBytes, maxWaitTimeInMs: fetch.maxWaitMs } : {}),
    });
    this.consumer = consumer;
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: topics.map((t) => this.kafka.topicName(t.name)), fromBeginning: true });
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        this.committer.forget();
        if (!payload.restart && !this.stopping) void this.rejoinAfterCrash(consumer, payload.error);
      });
      await consumer.run(
        this.batchDelivery
          ? {
              autoCommit: false,
              autoCommitInterval: BATCH_COMMIT_INTERVAL_MS,
              // Every partition's fetch at once (each partition's still in order): a batch waits for no other's
              // round trips, and the handlers' writes are idempotent compare-and-sets or row-locked transactions.
              partitionsConsumedConcurrently: topics.reduce((n, t) => n + t.partitions, 0),
              eachBatchAutoResolve: false,
              eachBatch: (p) => this.whileInHand(this.onBatch(p)),
            }
          : { autoCommit: !longRunning, partitionsConsumedConcurrently: 1, eachMessage: (p) => this.onMessage(consumer, p) },
      );
    } catch (error) {
      await this.disconnect();
      throw error;
    }
    if (this.stopping) return this.disconnect();
    this.logger.log({ topics: topics.map((t) => t.name), msg: 'consuming' });
    if (ends) await this.catchUp(ends);
  }

  private async onMessage(consumer: Consumer, { topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    if (this.stopping) throw new ConsumerStoppingError('the consumer is stopping');
    const logical = this.kafka.logicalName(topic);
    await this.delivery.deliver(
      { topic: logical, partition, message },
      { heartbeat: this.heartbeater(heartbeat), shuttingDown: () => this.stopping },
    );
    this.next.set(`${logical}:${partition}`, BigInt(message.offset) + 1n);
    if (this.plan.group.longRunning) await this.commit(consumer, topic, partition, message.offset);
  }

  private async whileInHand(handling: Promise<void>): Promise<void> {
    this.inHand.add(handling);
    try {
      await handling;
    } finally {
      this.inHand.delete(handling);
    }
  }

  /** A fetch of one partition; its offsets are resolved (and committed on the clock) only as far as handled. */
  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    if (this.stopping) throw new ConsumerStoppingError('the consumer is stopping');
    this.committer.track(payload);
    if (!isRunning() || isStale() || batch.messages.length === 0) return;
    const logical = this.kafka.logicalName(batch.topic);
    const hooks = { heartbeat: this.heartbeater(heartbeat), shuttingDown: () => this.stopping };
    const handled = (offset: string) => {
      resolveOffset(offset);
      this.next.set(`${logical}:${batch.partition}`, BigInt(offset) + 1n);
    };
    const inbound = { topic: logical, partition: batch.partition, messages: batch.messages };
    if (this.plan.batches?.topics.has(logical)) return this.batchDelivery!.deliver(inbound, hooks, handled);
    for (const message of batch.messages) {
      if (this.stopping) throw new ConsumerStoppingError('the consumer is stopping');
      await this.delivery.deliver({ topic: logical, partition: batch.partition, message }, hooks);
      handled(message.offset);
    }
  }

  private async commit(consumer: Consumer, topic: string, partition: number, offset: string): Promise<void> {
    try {
      await consumer.commitOffsets([{ topic, partition, offset: (BigInt(offset) + 1n).toString() }]);
    } catch (error) {
      // The message was handled; a redelivery meets idempotent handlers (a finished job replays its outcome).
      this.logger.warn({ topic, partition, offset, err: errorMessage(error), msg: 'offset commit failed' });
    }
  }

  /** A heartbeat that sends at most once a second and never fails the handler over a rebalance. */
  private heartbeater(heartbeat: () => Promise<void>): () => Promise<void> {
    let last = 0;
    let warned = false;
    return async () => {
      if (Date.now() - last < 1000) return;
      last = Date.now();
      try {
        await heartbeat();
      } catch (error) {
        if (!warned) this.logger.warn({ err: errorMessage(error), msg: 'heartbeat failed during a handler; rejoining after it' });
        warned = true;
      }
    };
  }

  private async endOffsets(): Promise<Map<string, bigint>> {
    const ends = new Map<string, bigint>();
    for (const { name } of this.plan.group.topics) {
      for (const p of await this.kafka.topicOffsets(name))
        if (BigInt(p.high) > BigInt(p.low)) ends.set(`${name}:${p.partition}`, BigInt(p.high));
    }
    return ends;
  }

  private async catchUp(ends: Map<string, bigint>): Promise<void> {
    const caughtUp = () => [...ends].every(([key, high]) => (this.next.get(key) ?? 0n) >= high);
    const deadline = Date.now() + CATCH_UP_TIMEOUT_MS;
    while (!caughtUp() && Date.now() < deadline && !this.stopping) await new Promise((r) => setTimeout(r, 100));
    if (!caughtUp()) this.logger.warn({ msg: 'topics not fully read at start; continuing' });
  }

  /** KafkaJS gave up on this consumer (a crash it does not restart from): join again. */
  private async rejoinAfterCrash(consumer: Consumer, error: Error): Promise<void> {
    this.logger.error({ err: error.message, msg: 'consumer crashed; joining again' });
    await consumer.disconnect().catch(() => undefined);
    if (!this.stopping) await this.start().catch((e: unknown) => this.logger.error({ err: errorMessage(e), msg: 'rejoin failed' }));
  }

  private async disconnect(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.disconnect().catch((e: unknown) => this.logger.warn({ err: errorMessage(e), msg: 'disconnect failed' }));
  }
}
