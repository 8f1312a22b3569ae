/** DeadLetterWriter: the one place that builds the dead-letter headers (over a fake KafkaClient.send). */
import { Logger } from '@nestjs/common';
import { DLQ_HEADERS, TOPICS } from '@modelstream/contracts';
import { DeadLetterWriter } from './dead-letter.writer';
import type { KafkaClient } from './kafka-client';

beforeAll(() => Logger.overrideLogger(false));

describe('DeadLetterWriter', () => {
  it('sends the original key, value and headers to the dead-letter topic with the origin in logical names', async () => {
    const sent: { topic: string; messages: { key: unknown; value: unknown; headers: Record<string, unknown> }[] }[] = [];
    const kafka = { send: async (topic: string, messages: never[]) => void sent.push({ topic, messages }) };
    const writer = new DeadLetterWriter(kafka as unknown as KafkaClient);
    const value = Buffer.from('not avro');

    await writer.send(
      { group: 'modelstream-trainer', topic: TOPICS.trainingRequests.name, partition: 2, offset: '41' },
      { key: Buffer.from('job-1'), value, headers: { 'event-id': 'e-1' } },
      new Error('cannot decode message: '.padEnd(1500, 'x')),
      3,
    );

    expect(sent).toHaveLength(1);
    expect(sent[0].topic).toBe(TOPICS.deadLetters.name);
    const [letter] = sent[0].messages;
    expect(letter.key).toEqual(Buffer.from('job-1'));
    expect(letter.value).toBe(value);
    expect(letter.headers).toMatchObject({
      'event-id': 'e-1',
      [DLQ_HEADERS.topic]: TOPICS.trainingRequests.name,
      [DLQ_HEADERS.partition]: '2',
      [DLQ_HEADERS.offset]: '41',
      [DLQ_HEADERS.group]: 'modelstream-trainer',
      [DLQ_HEADERS.attempts]: '3',
    });
    expect(letter.headers[DLQ_HEADERS.error]).toHaveLength(1000);
    expect(Date.parse(String(letter.headers[DLQ_HEADERS.failedAt]))).not.toBeNaN();
  });
});
