/**
 * A test consumer of the job topics: its own consumer group (so it reads from the beginning), decoding
 * with the schema registry exactly as any downstream consumer would, collecting events by trackingId.
 * Topics are logical names (TOPICS.x.name): the KafkaClient reads them under the suite's KAFKA_NAMESPACE.
 */
import { randomUUID } from 'node:crypto';
import { loadConfig } from '@modelstream/config';
import { AnyEvent, EventCodec, KafkaClient, TopicFollower, UndecodableEventError } from '@modelstream/kafka';

export interface ReceivedEvent {
  topic: string;
  key: string | null;
  headers: Record<string, string>;
  event: AnyEvent;
  receivedAt: number;
}

export class TopicRecorder {
  private readonly events: ReceivedEvent[] = [];
  private readonly codec: EventCodec;
  private readonly kafka: KafkaClient;
  private readonly follower: TopicFollower;

  constructor(topics: string[], fromBeginning = true) {
    const config = loadConfig();
    this.codec = new EventCodec(config);
    this.kafka = new KafkaClient(config);
    this.follower = new TopicFollower(this.kafka, {
      topics,
      from: fromBeginning ? 'beginning' : 'end',
      groupId: `ingest-e2e-${randomUUID()}`,
      onMessage: async ({ topic, message }) => {
        if (!message.value) return;
        let event: AnyEvent;
        try {
          event = await this.codec.decode(message.value);
        } catch (error) {
          // Other tests write poison messages to these topics (dead-letter tests): skip them, as the app does.
          if (error instanceof UndecodableEventError) return;
          throw error;
        }
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        this.events.push({ topic, key: message.key?.toString() ?? null, headers, event, receivedAt: Date.now() });
      },
    });
  }

  async start(): Promise<void> {
    await this.follower.start();
  }

  of(trackingId: string, topic?: string): ReceivedEvent[] {
    return this.events.filter((e) => e.event.trackingId === trackingId && (!topic || e.topic === topic));
  }

  /** Waits until `predicate` holds over the events of a job, then returns them. */
  // 120 s: on a stack started from nothing the first group fetches can take most of a minute.
  async waitFor(trackingId: string, predicate: (events: ReceivedEvent[]) => boolean, timeoutMs = 120_000): Promise<ReceivedEvent[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const events = this.of(trackingId);
      if (predicate(events)) return events;
      if (Date.now() > deadline) {
        throw new Error(
          `events of ${trackingId} did not arrive in ${timeoutMs} ms; got ${events.map((e) => `${e.event.type}#${e.event.sequence}`).join(', ')}` +
            `; ${this.events.length} events recorded in all; consumer crashes: ${this.follower.crashes.join(' | ') || 'none'}`,
        );
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async stop(): Promise<void> {
    await this.follower.stop();
    await this.kafka.onApplicationShutdown();
  }
}
