/** Fakes of the outside systems libs/kafka talks to, for its unit specs: the codec, the DLQ and the counter. */
import type { AnyEvent } from '../event-codec';
import { UndecodableEventError } from '../event-codec';
import type { ConsumedMessage, MessageOrigin, RetryCounter } from '../consumed-message';

let offset = 0;

export function anEvent(overrides: Partial<AnyEvent> = {}): AnyEvent {
  return {
    eventId: `event-${offset}`,
    trackingId: 'job-1',
    sequence: 1,
    timestamp: 1_750_000_000_000,
    producer: 'test',
    type: 'TrainingStarted',
    payload: {},
    ...overrides,
  } as AnyEvent;
}

/** A consumed message carrying `event` (JSON, which FakeCodec reads), or raw bytes. */
export function aMessage(event: AnyEvent | string = anEvent()): ConsumedMessage {
  const value = Buffer.from(typeof event === 'string' ? event : JSON.stringify(event));
  return { key: Buffer.from('job-1'), value, headers: { 'event-type': 'x' }, offset: String(offset++), timestamp: '1750000000000' };
}

/** Reads JSON; anything else is undecodable. */
export class FakeCodec {
  async decode<E extends AnyEvent = AnyEvent>(value: Buffer): Promise<E> {
    try {
      return JSON.parse(value.toString()) as E;
    } catch {
      throw new UndecodableEventError(`cannot decode ${value.toString().slice(0, 20)}`);
    }
  }
}

export class FakeDeadLetters {
  readonly sent: { origin: MessageOrigin; message: Pick<ConsumedMessage, 'key' | 'value'>; error: unknown; attempts: number }[] = [];

  async send(origin: MessageOrigin, message: Pick<ConsumedMessage, 'key' | 'value'>, error: unknown, attempts: number): Promise<void> {
    this.sent.push({ origin, message, error, attempts });
  }
}

/** Attempts per message in memory; `down` makes every call fail like an unreachable Redis. */
export class FakeRetryCounter implements RetryCounter {
  readonly counts = new Map<string, number>();
  down = false;

  key(o: MessageOrigin): string {
    return `${o.group}:${o.topic}:${o.partition}:${o.offset}`;
  }

  async attempts(o: MessageOrigin): Promise<number> {
    this.check();
    return this.counts.get(this.key(o)) ?? 0;
  }

  async increment(o: MessageOrigin): Promise<number> {
    this.check();
    const n = (this.counts.get(this.key(o)) ?? 0) + 1;
    this.counts.set(this.key(o), n);
    return n;
  }

  async clear(o: MessageOrigin): Promise<void> {
    this.check();
    this.counts.delete(this.key(o));
  }

  private check(): void {
    if (this.down) throw new Error('redis is down');
  }
}

type EachMessage = (payload: {
  topic: string;
  partition: number;
  message: ConsumedMessage;
  heartbeat: () => Promise<void>;
}) => Promise<void>;

/** The parts of a KafkaJS consumer a GroupConsumer uses, recording what it was asked to do. */
export class FakeKafkaConsumer {
  readonly events = { CRASH: 'consumer.crash' };
  subscribed: string[] = [];
  runConfig?: { autoCommit?: boolean; partitionsConsumedConcurrently?: number; eachMessage: EachMessage };
  readonly commits: { topic: string; partition: number; offset: string }[] = [];
  heartbeats = 0;
  disconnected = false;

  constructor(readonly config: Record<string, unknown>) {}

  async connect(): Promise<void> {}
  async subscribe({ topics }: { topics: string[] }): Promise<void> {
    this.subscribed = topics;
  }
  on(): void {}
  async run(config: NonNullable<FakeKafkaConsumer['runConfig']>): Promise<void> {
    this.runConfig = config;
  }
  async commitOffsets(offsets: { topic: string; partition: number; offset: string }[]): Promise<void> {
    this.commits.push(...offsets);
  }
  async disconnect(): Promise<void> {
    this.disconnected = true;
  }

  /** What KafkaJS does with a fetched message: eachMessage, with the physical topic name. */
  deliver(topic: string, partition: number, message: ConsumedMessage): Promise<void> {
    return this.runConfig!.eachMessage({ topic, partition, message, heartbeat: async () => void this.heartbeats++ });
  }
}

/** The KafkaClient's namespace and admin as a GroupConsumer sees them; `failures` joins fail first. */
export class FakeKafkaClient {
  readonly consumers: FakeKafkaConsumer[] = [];
  readonly ensured: string[][] = [];
  readonly deletedGroups: string[] = [];
  readonly ends = new Map<string, { partition: number; low: string; high: string }[]>();
  failures = 0;
  /** What GroupConsumer reads of the app's config. */
  readonly config = { KAFKA_SESSION_TIMEOUT_MS: 30_000 };

  constructor(readonly namespace = 'test.') {}

  topicName(t: string): string {
    return `${this.namespace}${t}`;
  }
  logicalName(t: string): string {
    return t.slice(this.namespace.length);
  }
  async ensureTopics(specs: readonly { name: string }[]): Promise<string[]> {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('Connection error: ECONNREFUSED');
    }
    this.ensured.push(specs.map((s) => s.name));
    return [];
  }
  async topicOffsets(topic: string): Promise<{ partition: number; low: string; high: string }[]> {
    return this.ends.get(topic) ?? [];
  }
  newConsumer(config: Record<string, unknown>): FakeKafkaConsumer {
    const consumer = new FakeKafkaConsumer(config);
    this.consumers.push(consumer);
    return consumer;
  }
  async deleteGroups(ids: string[]): Promise<void> {
    this.deletedGroups.push(...ids);
  }
}
