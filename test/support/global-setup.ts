/**
 * Before integration and e2e tests: the suite's own namespace (jest.config.js sets it — topic and group
 * prefix, Redis key prefix, database, buckets) starts empty, and the project's topics exist in it with
 * their configs, exactly as every app creates them at start. Whatever a user's apps keep on the same stack
 * (their topics, groups, keys, history) is never read nor touched: each name below carries the namespace.
 */
// Relative imports only: jest loads a global setup with plain require, without the @modelstream/* aliases.
import { CreateBucketCommand, DeleteObjectsCommand, HeadBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import Redis from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import { AppConfig, parseConfig } from '../../libs/config/src/app-config';
import { loadEnvFiles } from '../../libs/config/src/env';
import { TOPICS } from '../../libs/contracts/src/topics';
import { RedisKeys } from '../../libs/storage/src/redis-keys';

async function eventually(probe: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

export default async function globalSetup(): Promise<void> {
  loadEnvFiles();
  const config = parseConfig(process.env);
  const ns = config.KAFKA_NAMESPACE;
  if (!ns || config.REDIS_KEY_PREFIX === 'ms:' || config.MARIADB_DATABASE === 'modelstream') {
    throw new Error('the tests need their own namespace (KAFKA_NAMESPACE, REDIS_KEY_PREFIX, MARIADB_DATABASE): see jest.config.js');
  }
  await resetKafka(config.kafkaBrokers, ns);
  await resetRedis(config.REDIS_URL, new RedisKeys(config.REDIS_KEY_PREFIX));
  await resetDatabase(config);
  await resetBuckets(config);
}

/** Deletes the namespace's topics and consumer groups, then creates the topics afresh. */
async function resetKafka(brokers: string[], ns: string): Promise<void> {
  const admin = new Kafka({ clientId: 'modelstream-test-setup', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const ours = (await admin.listTopics()).filter((t) => t.startsWith(ns));
    if (ours.length > 0) await admin.deleteTopics({ topics: ours, timeout: 30_000 });
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(ns));
    if (groups.length > 0) await admin.deleteGroups(groups).catch(() => undefined); // a group still in use stays
    const gone = await eventually(async () => !(await admin.listTopics()).some((t) => t.startsWith(ns)), 60_000);
    if (!gone) throw new Error(`the test topics ${ns}* were not deleted within 60 s`);
    const created = await eventually(async () => {
      await admin.createTopics({
        waitForLeaders: true,
        topics: Object.values(TOPICS).map((t) => ({
          topic: `${ns}${t.name}`,
          numPartitions: t.partitions,
          replicationFactor: -1,
          configEntries: Object.entries(t.configs).map(([name, value]) => ({ name, value })),
        })),
      });
      return true;
    }, 60_000);
    if (!created) throw new Error(`the test topics ${ns}* could not be created within 60 s`);
  } finally {
    await admin.disconnect();
  }
}

/** An empty test database; the apps and harnesses apply the migrations when they open it. */
async function resetDatabase(config: AppConfig): Promise<void> {
  const name = config.MARIADB_DATABASE.replace(/`/g, '');
  const db = await createConnection({
    host: config.MARIADB_HOST,
    port: config.MARIADB_PORT,
    user: config.MARIADB_USER,
    password: config.MARIADB_PASSWORD,
  });
  try {
    // The databases suites made for themselves (history-harness.ts testDatabase, `<name>_<label>_<run>`) and a run
    // cut short left behind: they would pile up on the user's MariaDB.
    const [rows] = await db.query<RowDataPacket[]>('SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name LIKE ?', [
      `${name.replace(/[_%\\]/g, '\\$&')}\\_%`,
    ]);
    for (const { name: leftover } of rows) await db.query(`DROP DATABASE IF EXISTS \`${String(leftover)}\``);
    await db.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await db.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await db.end();
  }
}

/** The test buckets exist and hold nothing. */
async function resetBuckets(config: AppConfig): Promise<void> {
  const s3 = new S3Client({
    endpoint: config.S3_ENDPOINT,
    region: config.S3_REGION,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    credentials: { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  try {
    for (const Bucket of [config.S3_BUCKET_UPLOADS, config.S3_BUCKET_RESULTS]) {
      const exists = await s3.send(new HeadBucketCommand({ Bucket })).then(
        () => true,
        () => false,
      );
      if (!exists) await s3.send(new CreateBucketCommand({ Bucket }));
      for (let token: string | undefined, more = true; more;) {
        const page = await s3.send(new ListObjectsV2Command({ Bucket, ContinuationToken: token }));
        const objects = (page.Contents ?? []).map((o) => ({ Key: o.Key! }));
        if (objects.length > 0) await s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: objects } }));
        token = page.NextContinuationToken;
        more = !!page.IsTruncated;
      }
    }
  } finally {
    s3.destroy();
  }
}

async function resetRedis(url: string, keys: RedisKeys): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 2 });
  try {
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', keys.pattern('*'), 'COUNT', 1000);
      cursor = next;
      if (found.length > 0) await redis.unlink(...found);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
