/**
 * The one place that writes to the dead-letter topic: the original key, value and headers, plus the
 * message's origin (logical topic and group, partition, offset), the error and the attempts in DLQ_HEADERS.
 */
import { Injectable, Logger } from '@nestjs/common';
import { DLQ_HEADERS, TOPICS } from '@modelstream/contracts';
import { ConsumedMessage, MessageHeaders, MessageOrigin } from './consumed-message';
import { errorMessage, KafkaClient } from './kafka-client';

export function deadLetterHeaders(
  origin: MessageOrigin,
  headers: MessageHeaders | undefined,
  error: unknown,
  attempts: number,
): MessageHeaders {
  return {
    ...headers,
    [DLQ_HEADERS.topic]: origin.topic,
    [DLQ_HEADERS.partition]: String(origin.partition),
    [DLQ_HEADERS.offset]: origin.offset,
    [DLQ_HEADERS.group]: origin.group,
    [DLQ_HEADERS.error]: errorMessage(error).slice(0, 1000),
    [DLQ_HEADERS.attempts]: String(attempts),
    [DLQ_HEADERS.failedAt]: new Date().toISOString(),
  };
}

@Injectable()
export class DeadLetterWriter {
  private readonly logger = new Logger(DeadLetterWriter.name);

  constructor(private readonly kafka: KafkaClient) {}

  async send(
    origin: MessageOrigin,
    message: Pick<ConsumedMessage, 'key' | 'value' | 'headers'>,
    error: unknown,
    attempts: number,
  ): Promise<void> {
    await this.kafka.send(TOPICS.deadLetters.name, [
      { key: message.key, value: message.value, headers: deadLetterHeaders(origin, message.headers, error, attempts) },
    ]);
    this.logger.error({ ...origin, attempts, err: errorMessage(error), msg: 'message dead-lettered' });
  }
}
