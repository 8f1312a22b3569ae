import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { RecordMetadata } from 'kafkajs';
import { TopicSpec } from '@modelstream/contracts';
import { AnyEvent, EventCodec } from './event-codec';
import { KafkaClient } from './kafka-client';

export type NewEvent<E extends AnyEvent> = E extends AnyEvent
  ? Omit<E, 'eventId' | 'timestamp' | 'producer'> & Partial<Pick<E, 'eventId' | 'timestamp'>>
  : never;

/** Publishes events, keyed by trackingId, and resolves once Kafka acknowledged them. */
@Injectable()
export class EventPublisher {
  constructor(
    private readonly kafka: KafkaClient,
    private readonly codec: EventCodec,
  ) {}

  /** Fills eventId/timestamp/producer and publishes; returns the complete event and where it landed. */
  async publish<E extends AnyEvent>(topic: TopicSpec, event: NewEvent<E>): Promise<{ event: E; metadata: RecordMetadata }> {
    const complete = {
      eventId: randomUUID(),
      timestamp: Date.now(),
      producer: this.kafka.config.KAFKA_CLIENT_ID,
      ...event,
    } as unknown as E;
    const value = await this.codec.encode(topic, complete);
    const [metadata] = await this.kafka.send(topic.name, [
      { key: complete.trackingId, value, headers: { 'event-type': complete.type, 'event-id': complete.eventId } },
    ]);
    return { event: complete, metadata };
  }
}
