/** KafkaClient's naming under KAFKA_NAMESPACE (no broker needed: the KafkaJS client connects lazily). */
import { Logger } from '@nestjs/common';
import type { AppConfig } from '@modelstream/config';
import { TOPICS } from '@modelstream/contracts';
import { KafkaClient } from './kafka-client';
import { logicalTopic, physicalTopic } from './namespace';

beforeAll(() => Logger.overrideLogger(false));

const clientIn = (namespace: string) =>
  new KafkaClient({ KAFKA_NAMESPACE: namespace, KAFKA_CLIENT_ID: 'spec', kafkaBrokers: ['127.0.0.1:1'], LOG_LEVEL: 'warn' } as AppConfig);

describe('KafkaClient names', () => {
  it('prefixes topics and consumer groups with the namespace, and strips it back off', () => {
    const kafka = clientIn('test.');

    expect(kafka.topicName(TOPICS.trainingEvents.name)).toBe('test.modelstream.training-events');
    expect(kafka.groupName('modelstream-trainer')).toBe('test.modelstream-trainer');
    expect(kafka.logicalName('test.modelstream.training-events')).toBe(TOPICS.trainingEvents.name);
  });

  it('leaves every name as it is without a namespace', () => {
    const kafka = clientIn('');

    expect(kafka.topicName(TOPICS.trainingEvents.name)).toBe(TOPICS.trainingEvents.name);
    expect(kafka.groupName('modelstream-trainer')).toBe('modelstream-trainer');
    expect(logicalTopic(physicalTopic('a.b', ''), '')).toBe('a.b');
  });
});
