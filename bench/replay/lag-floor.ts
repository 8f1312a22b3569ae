/**
 * The live lag bench's floor: the thinnest consumer that makes a job event visible where the bench looks. One
 * KafkaJS consumer group over the four job topics (every partition at once, as the app's projectors), each message
 * decoded (Avro, as the app must), and per fetched batch one Redis pipeline (each job's record with its applied
 * sequence per topic) and one autocommitted multi-row upsert of the cursors into MariaDB. No fold, no job rows, no
 * metrics, transitions, locks or idempotency checks: the app's projectors cannot beat it.
 *
 * Started by bench/replay/lag.ts in its namespace (KAFKA_NAMESPACE, REDIS_KEY_PREFIX, MARIADB_DATABASE):
 *   FLOOR_PORT=<port> FLOOR_GROUP=<group> npx tsx --tsconfig tsconfig.json bench/replay/lag-floor.ts
 */
import { createServer } from 'node:http';
import Redis from 'ioredis';
import { loadConfig } from '@modelstream/config';
import { TOPICS } from '@modelstream/contracts';
import { EventCodec, KafkaClient } from '@modelstream/kafka';
import { openHistoryDatabase, RedisKeys } from '@modelstream/storage';

const JOB_TOPICS = [TOPICS.uploadChunks, TOPICS.trainingRequests, TOPICS.trainingControl, TOPICS.trainingEvents];

async function main(): Promise<void> {
  const config = loadConfig();
  const kafka = new KafkaClient(config);
  const codec = new EventCodec(config);
  const redis = new Redis(config.REDIS_URL);
  const keys = new RedisKeys(config.REDIS_KEY_PREFIX);
  const ds = await openHistoryDatabase(config, config.MARIADB_DATABASE);
  const applied = new Map<string, Record<string, number>>(); // trackingId → topic → sequence
  const consumer = kafka.newConsumer({ groupId: process.env.FLOOR_GROUP ?? 'lag-floor' });
  await consumer.connect();
  // From the beginning, skipping what was produced before this floor started (the app's run): no race with the join.
  const started = Date.now();
  await consumer.subscribe({ topics: JOB_TOPICS.map((t) => kafka.topicName(t.name)), fromBeginning: true });
  await consumer.run({
    partitionsConsumedConcurrently: JOB_TOPICS.reduce((n, t) => n + t.partitions, 0),
    eachBatch: async ({ batch }) => {
      const topic = kafka.logicalName(batch.topic);
      const cursors: unknown[][] = [];
      const records = redis.pipeline();
      for (const message of batch.messages) {
        if (Number(message.timestamp) < started) continue;
        const event = await codec.decode(message.value!);
        const seq = { ...applied.get(event.trackingId), [topic]: Number(event.sequence) };
        applied.set(event.trackingId, seq);
        records.hset(keys.job(event.trackingId), 'record', JSON.stringify({ seq }));
        cursors.push([event.trackingId, topic, Number(event.sequence), event.eventId, 1]);
      }
      if (cursors.length === 0) return;
      await Promise.all([
        records.exec(),
        ds.query(
          `INSERT INTO job_event_cursors (tracking_id, topic, last_sequence, last_event_id, applied_events) VALUES ${cursors.map(() => '(?)').join(', ')}
           ON DUPLICATE KEY UPDATE last_sequence = GREATEST(last_sequence, VALUES(last_sequence)), last_event_id = VALUES(last_event_id)`,
          cursors,
        ),
      ]);
    },
  });
  const server = createServer((_req, res) => res.end('ok')).listen(Number(process.env.FLOOR_PORT), '127.0.0.1');
  process.once('SIGTERM', () => {
    server.close();
    void Promise.allSettled([consumer.disconnect(), redis.quit(), ds.destroy()]).then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`lag floor failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
