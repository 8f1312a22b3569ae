/**
 * A downstream consumer of modelstream, written the way another team would: plain KafkaJS and the
 * Confluent schema-registry client, none of modelstream's own code. It follows the training topic in its
 * own consumer group and prints each job's life as it happens (started, epochs, completed with the model
 * id, failed with the reason, cancelled). Guide: docs/consumers.md.
 *
 *   npx tsx examples/training-events-consumer.ts [--group my-team] [--from-beginning] [--until-end]
 *
 * --from-beginning  a new group starts at the oldest event (the topic keeps everything); without it, at new events
 * --until-end       stop once the end offsets seen at start are reached (handy for a one-off report)
 * Connection settings: KAFKA_BROKERS (127.0.0.1:9092), SCHEMA_REGISTRY_URL (http://127.0.0.1:8081/apis/ccompat/v7),
 * KAFKA_NAMESPACE (the platform's topic prefix, empty by default).
 */
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { Kafka, logLevel } from 'kafkajs';
import { parseArgs } from 'node:util';

// A platform run with KAFKA_NAMESPACE (e.g. the test suite's `test.`) prefixes every topic name with it.
const TOPIC = `${process.env.KAFKA_NAMESPACE ?? ''}modelstream.training-events`;

interface Envelope {
  eventId: string;
  trackingId: string;
  sequence: number;
  timestamp: number;
  producer: string;
  payload: Record<string, Record<string, unknown>>;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      group: { type: 'string', default: 'example-training-events-consumer' },
      'from-beginning': { type: 'boolean', default: false },
      'until-end': { type: 'boolean', default: false },
    },
  });
  const kafka = new Kafka({
    clientId: 'example-consumer',
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    logLevel: logLevel.WARN,
  });
  const registry = new SchemaRegistry({ host: process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7' });

  // Offsets at start, per partition: with --until-end we stop when every partition reached them.
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map((await admin.fetchTopicOffsets(TOPIC)).filter((p) => p.high !== p.low).map((p) => [p.partition, BigInt(p.high)]));
  await admin.disconnect();

  // Events of one job share a key (the trackingId), hence a partition, hence an order. A redelivery (after a
  // crash or a rebalance) repeats events: skip any sequence at or below the last one seen for the job.
  const lastSequence = new Map<string, number>();
  const consumer = kafka.consumer({ groupId: values.group });
  await consumer.connect();
  await consumer.subscribe({ topic: TOPIC, fromBeginning: values['from-beginning'] });
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  if (values['until-end'] && ends.size === 0) stop();

  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      const event = await decode(registry, message.value, `${partition}/${message.offset}`);
      if (event && (lastSequence.get(event.trackingId) ?? -1) < Number(event.sequence)) {
        lastSequence.set(event.trackingId, Number(event.sequence));
        print(event);
      }
      const end = ends.get(partition);
      if (values['until-end'] && end !== undefined && BigInt(message.offset) + 1n >= end) {
        ends.delete(partition);
        if (ends.size === 0) stop();
      }
    },
  });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await stopped;
  await consumer.disconnect();
}

/**
 * Anyone with write access can put bytes on a topic that no schema decodes (modelstream's own consumers
 * dead-letter them): skip such a message rather than stop. A registry that is down is worth a retry: throw.
 */
async function decode(registry: SchemaRegistry, value: Buffer | null, where: string): Promise<Envelope | null> {
  if (!value) return null;
  try {
    return (await registry.decode(value)) as Envelope;
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (/ECONNREFUSED|ECONNRESET|ETIMEDOUT|fetch failed|status 5\d\d/i.test(text)) throw error;
    process.stderr.write(`skipped undecodable message ${TOPIC}/${where}: ${text}\n`);
    return null;
  }
}

/** The payload is a union: one key, the event type's full name (io.modelstream.events.TrainingProgress). */
function print(event: Envelope): void {
  const [[name, p]] = Object.entries(event.payload);
  const type = name.split('.').pop();
  const at = new Date(Number(event.timestamp)).toISOString();
  const line = (text: string): void => void process.stdout.write(`${at}  ${event.trackingId}  ${text}\n`);
  switch (type) {
    case 'TrainingStarted':
      return line(`started ${String(p.modelType)} (attempt ${String(p.attempt)}, backend ${String(p.backend)})`);
    case 'TrainingProgress':
      return line(
        `${String(p.stage)} ${String(p.progress)}%${p.epoch == null ? '' : ` epoch ${String(p.epoch)}/${String(p.epochs)} loss ${String(p.loss)}`}`,
      );
    case 'TrainingCompleted':
      return line(`completed: ${String(p.modelId)} ${JSON.stringify(p.metrics)}`);
    case 'TrainingFailed':
      return line(`failed at ${String(p.stage)}: ${String(p.error)}`);
    case 'TrainingCancelled':
      return line(`cancelled at ${String(p.stage)}: ${String(p.reason)}`);
    default:
      // A newer producer may add event types (BACKWARD-compatible schemas): ignore what we do not know.
      return line(`(${String(type)}, not handled here)`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
