/**
 * GET /api/ops/consumers against the built ingest and trainer apps on the test namespace: the projector groups
 * and the trainer group with their members and assignments, numeric lag per topic and partition that follows
 * an upload over the HTTP API back to zero, no group of another namespace; and a broker that does not answer
 * is a 503 (after at most CONSUMERS_TIMEOUT_MS) that says what to do.
 */
import { Logger } from '@nestjs/common';
import { loadConfig, parseConfig } from '@modelstream/config';
import { DependencyUnavailableError, TOPICS } from '@modelstream/contracts';
import { KafkaClient } from '@modelstream/kafka';
import { ConsumersService } from '@modelstream/ingest-ops';
import { RunningApp, startApp, startTogether } from './support/app-process';
import { chunksOf, getJson, uploadFile } from './support/ingest-client';
import { makeCsv, uniqueFilename } from './support/ingest-csv';

jest.setTimeout(180_000);

interface PartitionLag {
  partition: number;
  committedOffset: number | null;
  endOffset: number;
  lag: number;
}
interface TopicLag {
  topic: string;
  lag: number;
  partitions: PartitionLag[];
}
interface Group {
  groupId: string;
  state: string;
  lag: number;
  members: { memberId: string; clientId: string; host: string; topics: { topic: string; partitions: number[] }[] }[];
  topics: TopicLag[];
}
interface Consumers {
  checkedAt: string;
  groups: Group[];
}

const config = loadConfig();
const STATUS = 'modelstream-status-projector-v2';
const HISTORY = config.HISTORY_CONSUMER_GROUP;
const TRAINER = 'modelstream-trainer';
const UPLOADS = TOPICS.uploadChunks.name;

let ingest: RunningApp;
let trainer: RunningApp;

beforeAll(async () => {
  [ingest, trainer] = await startTogether([startApp('ingest', 3482), startApp('trainer', 3483)]);
}, 150_000);

afterAll(async () => {
  await Promise.allSettled([ingest?.stop(), trainer?.stop()]);
});

async function consumers(): Promise<Consumers> {
  const started = Date.now();
  const res = await getJson<Consumers>(`${ingest.url}/api/ops/consumers`);
  expect(res.status).toBe(200);
  console.log(`GET /api/ops/consumers: ${Date.now() - started} ms, ${res.body.groups.length} groups`);
  return res.body;
}

/** Polls until every named group is Stable with a member (a group joins within seconds of the app starting). */
async function whenStable(groupIds: string[], timeoutMs = 60_000): Promise<Consumers> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await consumers();
    const ready = groupIds.every((id) => answer.groups.some((g) => g.groupId === id && g.state === 'Stable' && g.members.length > 0));
    if (ready) return answer;
    if (Date.now() > deadline)
      throw new Error(`groups ${groupIds.join(', ')} not all Stable: ${JSON.stringify(answer.groups.map((g) => [g.groupId, g.state]))}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const group = (answer: Consumers, id: string) => answer.groups.find((g) => g.groupId === id)!;
const topic = (g: Group, name: string) => g.topics.find((t) => t.topic === name)!;
const endOf = (t: TopicLag) => t.partitions.reduce((sum, p) => sum + p.endOffset, 0);

describe('GET /api/ops/consumers', () => {
  it('lists the projector and trainer groups of the namespace with members, assignments and consistent numeric lag', async () => {
    const answer = await whenStable([STATUS, HISTORY, TRAINER]);
    expect(Number.isNaN(Date.parse(answer.checkedAt))).toBe(false);
    // Logical ids only: no namespace prefix, no group of another system or namespace.
    expect(answer.groups.every((g) => !g.groupId.startsWith(config.KAFKA_NAMESPACE) && !g.groupId.startsWith('apicurio'))).toBe(true);

    for (const id of [STATUS, HISTORY]) {
      const g = group(answer, id);
      expect(g.topics.map((t) => t.topic)).toContain(UPLOADS);
      const uploads = topic(g, UPLOADS);
      expect(uploads.partitions.map((p) => p.partition)).toEqual([...Array(TOPICS.uploadChunks.partitions).keys()]);
      for (const p of uploads.partitions) {
        expect(Number.isInteger(p.lag) && p.lag >= 0).toBe(true);
        expect(p.lag).toBeLessThanOrEqual(p.endOffset);
      }
      for (const p of uploads.partitions.filter((q) => q.committedOffset !== null)) expect(p.lag).toBe(p.endOffset - p.committedOffset!);
      expect(uploads.lag).toBe(uploads.partitions.reduce((sum, p) => sum + p.lag, 0));
      expect(g.lag).toBe(g.topics.reduce((sum, t) => sum + t.lag, 0));
      // The ingest app is the one member; it is assigned every partition of the upload topic.
      expect(g.members).toHaveLength(1);
      const assigned = g.members[0].topics.find((t) => t.topic === UPLOADS)!;
      expect(assigned.partitions).toEqual([...Array(TOPICS.uploadChunks.partitions).keys()]);
      expect(g.members[0]).toMatchObject({ clientId: config.KAFKA_CLIENT_ID, host: expect.stringMatching(/127\.0\.0\.1|localhost|::1/) });
    }

    // The trainer group's members are the trainer instances: here one, holding every partition of the requests.
    const trainers = group(answer, TRAINER);
    expect(trainers.members).toHaveLength(1);
    expect(trainers.members[0].topics).toEqual([
      { topic: TOPICS.trainingRequests.name, partitions: [...Array(TOPICS.trainingRequests.partitions).keys()] },
    ]);
    expect(trainers.topics.map((t) => t.topic)).toContain(TOPICS.trainingRequests.name);
  });

  it('sees an upload raise the end offsets of the upload topic, and the projectors consume it back to no lag', async () => {
    const before = await whenStable([STATUS, HISTORY]);
    const file = makeCsv({ rows: 200, seed: Date.now() % 100_000 });
    const chunks = chunksOf(file, Math.ceil(file.length / 3));
    await uploadFile(ingest.url, file, chunks, { filename: uniqueFilename('lag'), train: 'false' });

    const deadline = Date.now() + 30_000;
    let after = await consumers();
    while (Date.now() < deadline && [STATUS, HISTORY].some((id) => topic(group(after, id), UPLOADS).lag > 0)) {
      await new Promise((r) => setTimeout(r, 500));
      after = await consumers();
    }
    for (const id of [STATUS, HISTORY]) {
      const was = topic(group(before, id), UPLOADS);
      const now = topic(group(after, id), UPLOADS);
      expect(endOf(now)).toBeGreaterThanOrEqual(endOf(was) + chunks.length);
      expect(now.lag).toBe(0);
      expect(now.partitions.every((p) => p.committedOffset === p.endOffset || p.committedOffset === null)).toBe(true);
    }
  });

  it('answers a broker that does not answer with a 503 error within the time bound, saying what to do', async () => {
    Logger.overrideLogger(false); // KafkaJS logs each refused connection; the answer is what counts here
    const unreachable = parseConfig({ ...process.env, KAFKA_BROKERS: '127.0.0.1:1' });
    const kafka = new KafkaClient(unreachable);
    const service = new ConsumersService(kafka);
    const started = Date.now();
    const error = (await service.list().catch((e: unknown) => e)) as DependencyUnavailableError;
    const took = Date.now() - started;
    console.log(`consumers with Kafka unreachable: answered in ${took} ms`);
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect(error.status).toBe(503);
    expect(error.message).toMatch(/did not describe its consumer groups.*Check that the broker is running.*retry/);
    // the broker's address is for the logs, not for the caller (finding 9)
    expect(error.message).not.toContain('127.0.0.1');
    expect(error.detail).toContain('127.0.0.1:1');
    await kafka.onApplicationShutdown();
  });
});
