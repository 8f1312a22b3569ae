/**
 * The dead-letter topic, behind one class: lists its messages with their origin (from the headers the
 * consumers wrote) and re-publishes chosen ones to the topic they came from.
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DLQ_HEADERS, TOPICS } from '@modelstream/contracts';
import { ConsumedMessage as KafkaMessage, KafkaClient, MessageHeaders as IHeaders, readTopicsToEnd } from '@modelstream/kafka';

export interface DeadLetter {
  partition: number;
  offset: string;
  /** When the dead-letter message was written (ms). */
  timestamp: string;
  key: string | null;
  origin: { topic: string | null; partition: number | null; offset: string | null };
  consumerGroup: string | null;
  error: string | null;
  attempts: number | null;
  failedAt: string | null;
  eventType: string | null;
  /** Every header of the message, as text. */
  headers: Record<string, string>;
  size: number;
  /** The original message bytes, base64. */
  value: string | null;
}

export interface RepublishedLetter {
  partition: number;
  offset: string;
  to: { topic: string; partition: number; offset: string };
}

export const REPUBLISHED_FROM_HEADER = 'x-dlq-republished-from';

@Injectable()
export class DeadLetterStore {
  readonly topic = TOPICS.deadLetters.name;

  constructor(private readonly kafka: KafkaClient) {}

  /** Every dead letter now in the topic, oldest first. */
  async readAll(): Promise<DeadLetter[]> {
    const letters: DeadLetter[] = [];
    await readTopicsToEnd(this.kafka, {
      topics: [this.topic],
      groupId: `modelstream-dlq-reader-${randomUUID()}`,
      handle: async ({ partition, message }) => {
        letters.push(toDeadLetter(partition, message));
      },
    });
    return letters.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
  }

  /** Sends the letters' original key, value and headers (minus the dead-letter ones) back to their origin topic. */
  async republish(letters: DeadLetter[]): Promise<RepublishedLetter[]> {
    const done: RepublishedLetter[] = [];
    for (const letter of letters) {
      const topic = letter.origin.topic!;
      const headers: IHeaders = {};
      for (const [name, value] of Object.entries(letter.headers)) if (!name.startsWith('x-dlq-')) headers[name] = value;
      headers[REPUBLISHED_FROM_HEADER] = `${this.topic}/${letter.partition}/${letter.offset}`;
      const [metadata] = await this.kafka.send(topic, [
        { key: letter.key, value: letter.value === null ? null : Buffer.from(letter.value, 'base64'), headers },
      ]);
      done.push({
        partition: letter.partition,
        offset: letter.offset,
        to: { topic, partition: metadata.partition, offset: String(metadata.baseOffset ?? metadata.offset ?? '') },
      });
    }
    return done;
  }
}

function headerText(value: IHeaders[string]): string | null {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map((v) => v.toString()).join(',');
  return value.toString();
}

export function toDeadLetter(partition: number, message: KafkaMessage): DeadLetter {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    const text = headerText(value);
    if (text !== null) headers[name] = text;
  }
  const num = (v: string | undefined) => (v === undefined || v === '' || Number.isNaN(Number(v)) ? null : Number(v));
  return {
    partition,
    offset: message.offset,
    timestamp: new Date(Number(message.timestamp)).toISOString(),
    key: message.key ? message.key.toString() : null,
    origin: {
      topic: headers[DLQ_HEADERS.topic] ?? null,
      partition: num(headers[DLQ_HEADERS.partition]),
      offset: headers[DLQ_HEADERS.offset] ?? null,
    },
    consumerGroup: headers[DLQ_HEADERS.group] ?? null,
    error: headers[DLQ_HEADERS.error] ?? null,
    attempts: num(headers[DLQ_HEADERS.attempts]),
    failedAt: headers[DLQ_HEADERS.failedAt] ?? null,
    eventType: headers['event-type'] ?? null,
    headers,
    size: message.value?.length ?? 0,
    value: message.value ? message.value.toString('base64') : null,
  };
}
