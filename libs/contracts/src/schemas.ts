import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TopicSpec } from './topics';

/**
 * The raw .avsc of a topic's value schema, read from the `avro/` folder of the project at `projectRoot`
 * (the caller finds the root: contracts depend on no other lib).
 */
export function readTopicSchema(topic: Pick<TopicSpec, 'schema'>, projectRoot: string): Record<string, unknown> {
  if (!topic.schema) throw new Error('This topic carries raw bytes and has no schema');
  return JSON.parse(readFileSync(join(projectRoot, 'avro', `${topic.schema}.avsc`), 'utf8')) as Record<string, unknown>;
}
