/**
 * npm run dlq -- list [--origin <topic>] [--group <consumer group>] [--limit n] [--json]
 * npm run dlq -- republish <offset> [<offset>...] [--partition p]
 *
 * Lists the dead-letter topic's messages with their origin (topic/partition/offset), the consumer group
 * that gave up on them and why; re-publishes the chosen ones (by their offset in the dead-letter topic) to
 * the topic they came from. The same as GET /api/dead-letters and POST /api/dead-letters/republish.
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { parseArgs } from 'node:util';
import { loadConfig } from '@modelstream/config';
import { KafkaClient } from '@modelstream/kafka';
import { DeadLetterStore, DeadLettersService } from '@modelstream/ingest-ops';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      origin: { type: 'string' },
      group: { type: 'string' },
      limit: { type: 'string', default: '100' },
      partition: { type: 'string', default: '0' },
      json: { type: 'boolean', default: false },
    },
  });
  const [command, ...offsets] = positionals;
  Logger.overrideLogger(['error', 'warn']);
  const kafka = new KafkaClient(loadConfig());
  const service = new DeadLettersService(new DeadLetterStore(kafka));
  try {
    if (command === 'list') {
      const { items, total } = await service.list({ originTopic: values.origin, consumerGroup: values.group, limit: Number(values.limit) });
      if (values.json) {
        process.stdout.write(`${JSON.stringify({ items, total }, null, 2)}\n`);
        return;
      }
      process.stdout.write(`${total} dead letter(s)${total > items.length ? `, showing ${items.length}` : ''}\n`);
      for (const l of items) {
        process.stdout.write(
          `${l.partition}/${l.offset}  ${l.failedAt ?? l.timestamp}  from ${l.origin.topic}/${l.origin.partition}/${l.origin.offset}` +
            `  group ${l.consumerGroup}  key ${l.key}  attempts ${l.attempts}\n    ${l.error}\n`,
        );
      }
    } else if (command === 'republish') {
      const { republished } = await service.republish(offsets.map((offset) => ({ partition: Number(values.partition), offset })));
      for (const r of republished) process.stdout.write(`${r.partition}/${r.offset} -> ${r.to.topic}/${r.to.partition}/${r.to.offset}\n`);
    } else {
      process.stderr.write(
        'usage: npm run dlq -- list [--origin topic] [--group id] [--limit n] [--json] | republish <offset>... [--partition p]\n',
      );
      process.exitCode = 2;
    }
  } finally {
    await kafka.onApplicationShutdown();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`dlq: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
