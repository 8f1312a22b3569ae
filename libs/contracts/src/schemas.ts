import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findProjectRoot } from '@modelstream/config';
import type { TopicSpec } from './topics';

/** The raw .avsc of a topic's value schema, read from the avro/ folder. */
export function readTopicSchema(topic: Pick<TopicSpec, 'schema'>): Record<string, unknown> {
  if (!topic.schema) throw new Error('This topic carries raw bytes and has no schema');
  return JSON.parse(readFileSync(join(findProjectRoot(__dirname), 'avro', `${topic.schema}.avsc`), 'utf8')) as Record<string, unknown>;
}
