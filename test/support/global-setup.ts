/**
 * Before integration and e2e tests: the project's topics exist with their configs, exactly as every app
 * creates them at start (TopicsInitializer). A test that listens to a topic before the app under test has
 * booted would otherwise meet a fresh broker (auto-creation is off) without it.
 */
import { Kafka, logLevel } from 'kafkajs';
import { loadEnvFiles } from '../../libs/config/src/env';
import { TOPICS } from '../../libs/contracts/src/topics';

export default async function globalSetup(): Promise<void> {
  loadEnvFiles();
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  const admin = new Kafka({ clientId: 'modelstream-test-setup', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = Object.values(TOPICS).filter((t) => !existing.has(t.name));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((t) => ({
        topic: t.name,
        numPartitions: t.partitions,
        replicationFactor: -1,
        configEntries: Object.entries(t.configs).map(([name, value]) => ({ name, value })),
      })),
    });
  } finally {
    await admin.disconnect();
  }
}
