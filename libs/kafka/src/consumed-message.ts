/** What libs/kafka hands out about a consumed message: our own shapes, so no KafkaJS type leaves the lib. */

export type MessageHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

export interface ConsumedMessage {
  key: Buffer | null;
  value: Buffer | null;
  headers?: MessageHeaders;
  offset: string;
  /** Milliseconds since the epoch, as text (as Kafka reports it). */
  timestamp: string;
}

/** Where a message was consumed, in logical names (libs/contracts TOPICS, unprefixed group ids). */
export interface MessageOrigin {
  group: string;
  topic: string;
  partition: number;
  offset: string;
}

/**
 * A durable count of the failed attempts per message (e.g. in Redis), so the retry bound holds across
 * restarts and rebalances instead of starting over with every new consumer.
 */
export interface RetryCounter {
  /** Failed attempts recorded so far for this message. */
  attempts(origin: MessageOrigin): Promise<number>;
  /** Records one more failed attempt; resolves to the new count. */
  increment(origin: MessageOrigin, error: unknown): Promise<number>;
  /** Forgets the message once it was handled or dead-lettered. */
  clear(origin: MessageOrigin): Promise<void>;
}
