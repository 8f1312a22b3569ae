import { Injectable, Logger } from '@nestjs/common';
import { KafkaMessage } from 'kafkajs';
import { DLQ_HEADERS, TOPICS } from '@modelstream/contracts';
import { errorMessage, KafkaClient } from '@modelstream/kafka';

/** Sends a message that can never be handled to the dead-letter topic, with its origin in headers. */
@Injectable()
export class DeadLetterWriter {
  private readonly logger = new Logger(DeadLetterWriter.name);

  constructor(private readonly kafka: KafkaClient) {}

  async send(origin: { topic: string; partition: number; message: KafkaMessage; groupId: string }, error: unknown): Promise<void> {
    const { topic, partition, message, groupId } = origin;
    await this.kafka.send(TOPICS.deadLetters.name, [
      {
        key: message.key,
        value: message.value,
        headers: {
          ...message.headers,
          [DLQ_HEADERS.topic]: topic,
          [DLQ_HEADERS.partition]: String(partition),
          [DLQ_HEADERS.offset]: message.offset,
          [DLQ_HEADERS.group]: groupId,
          [DLQ_HEADERS.error]: errorMessage(error).slice(0, 1000),
          [DLQ_HEADERS.attempts]: '1',
          [DLQ_HEADERS.failedAt]: new Date().toISOString(),
        },
      },
    ]);
    this.logger.error({ topic, partition, offset: message.offset, err: errorMessage(error), msg: 'message dead-lettered' });
  }
}
