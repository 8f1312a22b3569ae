/**
 * JobHistoryProjection + JobHistoryRepository against the real MariaDB (a throwaway database): versions per
 * (dataset checksum, model type) follow the requests' times whatever order they are applied in, and an
 * event applied twice changes nothing.
 */
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig } from '@modelstream/config';
import { dropDatabase, openHistoryDatabase } from '@modelstream/storage';
import { AnyEvent, PermanentEventError } from '@modelstream/kafka';
import { jobLife, topicName } from '../../../../../test/support/history-events';
import { JobHistoryProjection } from './job-history.projection';
import { JobHistoryRepository } from './job-history.repository';

const config = loadConfig();
const database = `modelstream_test_repo_${randomBytes(4).toString('hex')}`;
let ds: DataSource;
let projection: JobHistoryProjection;
let repository: JobHistoryRepository;

beforeAll(async () => {
  ds = await openHistoryDatabase(config, database);
  repository = new JobHistoryRepository(ds);
  projection = new JobHistoryProjection(repository);
});

afterAll(async () => {
  await repository?.close();
  await ds?.destroy();
  await dropDatabase(config, database);
});

describe('JobHistoryRepository (MariaDB)', () => {
  it('numbers versions per (dataset, model type) in request-time order, whatever the apply order', async () => {
    const sha = randomBytes(32).toString('hex');
    const t0 = Date.now() - 60_000;
    const requests = [0, 1, 2].map((i) =>
      jobLife({ ending: 'completed', trackingId: `repo-v-${i}-${sha.slice(0, 6)}`, sha256: sha, startAt: t0 + i * 10_000 }).find(
        (e) => e.event.type === 'TrainingRequested',
      )!,
    );
    const other = jobLife({
      ending: 'completed',
      trackingId: `repo-v-other-${sha.slice(0, 6)}`,
      sha256: sha,
      modelType: 'mlp_classifier',
    }).find((e) => e.event.type === 'TrainingRequested')!;
    for (const r of [requests[2], other, requests[0], requests[1]]) expect(await projection.apply(r.event, topicName(r.topic))).toBe(true);
    const versions = await Promise.all([...requests, other].map(async (r) => (await repository.get(r.event.trackingId))?.job.version));
    expect(versions).toEqual([1, 2, 3, 1]);
  });

  it('applies an event once: a second apply returns false and changes no row', async () => {
    const life = jobLife({ ending: 'completed', trackingId: `repo-once-${randomBytes(4).toString('hex')}`, epochs: 2 });
    for (const { topic, event } of life) expect(await projection.apply(event, topicName(topic))).toBe(true);
    const before = await repository.get(life[0].event.trackingId);
    for (const { topic, event } of life) expect(await projection.apply(event, topicName(topic))).toBe(false);
    expect(await repository.get(life[0].event.trackingId)).toEqual(before);
    expect(before?.job.status).toBe('completed');
    expect(
      before?.metrics
        .filter((m) => m.kind === 'epoch')
        .map((m) => `${m.name}@${m.step}`)
        .sort(),
    ).toEqual(['accuracy@1', 'accuracy@2', 'loss@1', 'loss@2', 'val_loss@1', 'val_loss@2']);
  });

  it("applies a writer's in-order event only right after its predecessor on the topic", async () => {
    const life = jobLife({ ending: 'running', trackingId: `repo-order-${randomBytes(4).toString('hex')}`, chunks: 3, epochs: 1 });
    const [c0, c1, c2] = life.filter((e) => e.topic === 'uploadChunks').map((e, i) => ({ ...e.event, sequence: i + 1 }) as AnyEvent); // an upload's chunks are numbered 1, 2, 3
    const topic = topicName('uploadChunks');
    expect(await projection.apply(c2, topic, { inOrder: true })).toBe(false); // chunks 1 and 2 not projected yet
    expect(await repository.get(c0.trackingId)).toBeNull();
    expect(await projection.apply(c0, topic)).toBe(true);
    expect(await projection.apply(c1, topic, { inOrder: true })).toBe(true);
    expect(await projection.apply(c2, topic)).toBe(true);
    const { job } = (await repository.get(c0.trackingId))!;
    expect([job.filename, job.receivedChunks, job.totalChunks]).toEqual(['iris.csv', 3, 3]);
  });

  it('finds running jobs whose newest event is older than a bound, within a trackingId prefix', async () => {
    const prefix = `repo-stale-${randomBytes(4).toString('hex')}`;
    const old = jobLife({ ending: 'running', trackingId: `${prefix}-old`, startAt: Date.now() - 3_600_000, epochs: 1 });
    const fresh = jobLife({ ending: 'running', trackingId: `${prefix}-fresh`, epochs: 1 });
    for (const { topic, event } of [...old, ...fresh]) await projection.apply(event, topicName(topic));
    const stale = await repository.findStaleRunning(new Date(Date.now() - 600_000), prefix);
    expect(stale.map((j) => j.trackingId)).toEqual([`${prefix}-old`]);
    expect(await repository.findStaleRunning(new Date(Date.now() - 600_000), `${prefix}-fresh`)).toEqual([]);
  });

  it('refuses as permanent what MariaDB can never store, and stores a request of 10,000 columns', async () => {
    const id = `repo-poison-${randomBytes(4).toString('hex')}`;
    const life = jobLife({ ending: 'completed', trackingId: id, epochs: 1 });
    const started = life.find((e) => e.event.type === 'TrainingStarted')!;
    const tooLong = { ...started.event, payload: { ...(started.event.payload as object), modelType: 'm'.repeat(300) } } as AnyEvent;
    await expect(projection.apply(tooLong, topicName(started.topic))).rejects.toThrow(PermanentEventError);
    await expect(projection.apply(tooLong, topicName(started.topic))).rejects.toThrow(/1406/);
    const chunk = life[0];
    const noChunks = { ...chunk.event, payload: { ...(chunk.event.payload as object), totalChunks: 0 } } as AnyEvent;
    await expect(projection.apply(noChunks, topicName(chunk.topic))).rejects.toThrow(/4025/);
    expect(await repository.get(id)).toBeNull(); // nothing of either was written

    const request = life.find((e) => e.event.type === 'TrainingRequested')!;
    const columns = Array.from({ length: 10_000 }, (_, i) => `column_${i}`);
    const payload = request.event.payload as { dataset: object };
    const wide = { ...request.event, payload: { ...payload, dataset: { ...payload.dataset, columns } } } as AnyEvent;
    expect(await projection.apply(wide, topicName(request.topic))).toBe(true);
    expect(JSON.parse((await repository.get(id))!.job.datasetColumns!)).toEqual(columns);
  });
});
