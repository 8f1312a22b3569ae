/**
 * A consumer group that decodes our events and hands each to a handler, committing an offset only after
 * its handler succeeded. Failures are classified: a message that can never be handled (undecodable, an
 * unknown type, an invalid event) goes to the dead-letter topic at once with its origin in headers; any
 * other failure is retried with backoff, then dead-lettered after `maxAttempts`.
 */
import { Logger } from '@nestjs/common';
import { Consumer, EachMessagePayload, KafkaMessage } from 'kafkajs';
import { DLQ_HEADERS, TOPICS, TopicSpec } from '@modelstream/contracts';
import { AnyEvent, EventCodec, UndecodableEventError } from './event-codec';
import { errorMessage, KafkaClient } from './kafka-client';

/** Thrown by a handler for an event it can never apply (unknown type, invalid content). */
export class PermanentEventError extends Error {
  override name = 'PermanentEventError';
}

export interface MessageMeta {
  topic: string;
  partition: number;
  offset: string;
  message: KafkaMessage;
}

/**
 * A durable count of the failed attempts per message (e.g. in Redis), so the retry bound holds across
 * restarts and rebalances instead of starting over with every new consumer.
 */
export interface RetryCounter {
  /** Failed attempts recorded so far for this message. */
  attempts(meta: MessageMeta): Promise<number>;
  /** Records one more failed attempt; resolves to the new count. */
  increment(meta: MessageMeta, error: unknown): Promise<number>;
  /** Forgets the message once it was handled or dead-lettered. */
  clear(meta: MessageMeta): Promise<void>;
}

export interface EventConsumerOptions {
  groupId: string;
  topics: readonly TopicSpec[];
  fromBeginning?: boolean;
  /** Attempts for a transient failure before the message is dead-lettered. */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt up to 10 s. */
  retryDelayMs?: number;
  /** Called for every attempt that failed transiently (for durable counting or metrics). */
  onRetry?: (meta: MessageMeta, attempt: number, error: unknown) => Promise<void> | void;
  /** Durable attempt counting; without it attempts are counted in memory. */
  retryCounter?: RetryCounter;
  handle: (event: AnyEvent, meta: MessageMeta) => Promise<void>;
}

export class EventConsumer {
  private readonly logger: Logger;
  private consumer?: Consumer;
  private stopping = false;

  constructor(
    private readonly kafka: KafkaClient,
    private readonly codec: EventCodec,
    private readonly options: EventConsumerOptions,
  ) {
    this.logger = new Logger(`EventConsumer:${options.groupId}`);
  }

  async start(): Promise<void> {
    this.stopping = false;
    const consumer = this.kafka.kafka.consumer({ groupId: this.options.groupId, sessionTimeout: 30_000, heartbeatInterval: 3000 });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: this.options.topics.map((t) => t.name), fromBeginning: this.options.fromBeginning ?? true });
    await consumer.run({ autoCommit: true, eachMessage: (payload) => this.onMessage(payload) });
    this.logger.log({ topics: this.options.topics.map((t) => t.name), msg: 'consuming' });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.consumer?.disconnect();
  }

  private async onMessage({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    const meta: MessageMeta = { topic, partition, offset: message.offset, message };
    const maxAttempts = this.options.maxAttempts ?? 8;
    const counter = this.options.retryCounter;
    let failed = counter ? await this.counted(() => counter.attempts(meta), 0) : 0;
    for (;;) {
      const attempt = failed + 1;
      try {
        if (!message.value) throw new UndecodableEventError('message has no value');
        const event = await this.codec.decode(message.value);
        await this.options.handle(event, meta);
        if (counter && failed > 0) await this.counted(() => counter.clear(meta), undefined);
        return;
      } catch (error) {
        if (error instanceof UndecodableEventError || error instanceof PermanentEventError) {
          await this.deadLetter(meta, error, attempt);
          if (counter && failed > 0) await this.counted(() => counter.clear(meta), undefined);
          return;
        }
        if (this.stopping) throw error; // hand the message back uncommitted
        failed = counter ? await this.counted(() => counter.increment(meta, error), failed + 1) : failed + 1;
        await this.options.onRetry?.(meta, failed, error);
        if (failed >= maxAttempts) {
          await this.deadLetter(meta, error, failed);
          if (counter) await this.counted(() => counter.clear(meta), undefined);
          return;
        }
        const delay = Math.min((this.options.retryDelayMs ?? 250) * 2 ** (failed - 1), 10_000);
        this.logger.warn({
          topic,
          partition,
          offset: message.offset,
          attempt: failed,
          delayMs: delay,
          err: errorMessage(error),
          msg: 'handler failed, retrying',
        });
        await new Promise((r) => setTimeout(r, delay));
        await heartbeat();
      }
    }
  }

  /** A counter that cannot be reached must not stop consumption: fall back to the in-memory count. */
  private async counted<T>(op: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await op();
    } catch (error) {
      this.logger.warn({ err: errorMessage(error), msg: 'retry counter unavailable, counting in memory' });
      return fallback;
    }
  }

  private async deadLetter(meta: MessageMeta, error: unknown, attempts: number): Promise<void> {
    const headers = {
      ...meta.message.headers,
      [DLQ_HEADERS.topic]: meta.topic,
      [DLQ_HEADERS.partition]: String(meta.partition),
      [DLQ_HEADERS.offset]: meta.offset,
      [DLQ_HEADERS.group]: this.options.groupId,
      [DLQ_HEADERS.error]: errorMessage(error).slice(0, 1000),
      [DLQ_HEADERS.attempts]: String(attempts),
      [DLQ_HEADERS.failedAt]: new Date().toISOString(),
    };
    await this.kafka.send(TOPICS.deadLetters.name, [{ key: meta.message.key, value: meta.message.value, headers }]);
    this.logger.error({
      topic: meta.topic,
      partition: meta.partition,
      offset: meta.offset,
      err: errorMessage(error),
      msg: 'message dead-lettered',
    });
  }
}
