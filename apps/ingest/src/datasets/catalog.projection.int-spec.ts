/**
 * CatalogProjection + CatalogRepository against the real MariaDB (a throwaway database): events are applied
 * by their sequence, so a redelivery or a replay of a dataset's creation never revives a deleted dataset,
 * a re-upload after a deletion brings it back, and a sweep keeps its promotion.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig } from '@modelstream/config';
import { CatalogEvent } from '@modelstream/contracts';
import { AnyEvent, PermanentEventError } from '@modelstream/kafka';
import { dropDatabase, openHistoryDatabase } from '@modelstream/storage';
import { CatalogProjection } from './catalog.projection';
import { CatalogRepository } from './catalog.repository';

const config = loadConfig();
const database = `modelstream_test_catalog_${randomBytes(4).toString('hex')}`;
let ds: DataSource;
let repository: CatalogRepository;
let projection: CatalogProjection;

beforeAll(async () => {
  ds = await openHistoryDatabase(config, database);
  repository = new CatalogRepository(ds);
  projection = new CatalogProjection(repository);
});

afterAll(async () => {
  await ds?.destroy();
  await dropDatabase(config, database);
});

const event = (type: CatalogEvent['type'], key: string, sequence: number, payload: unknown): AnyEvent => ({
  eventId: randomUUID(),
  trackingId: key,
  ownerId: 'legacy',
  sequence,
  timestamp: Date.now() + sequence,
  producer: 'test',
  type,
  payload,
});

const created = (datasetId: string, sequence: number, filename = 'a.csv') =>
  event('DatasetCreated', datasetId, sequence, {
    datasetId,
    owner: '',
    filename,
    bucket: 'b',
    objectKeys: ['uploads/t/chunk-00000'],
    size: 10,
    sha256: 'a'.repeat(64),
    rows: 3,
    columnsJson: '[{"name":"x","type":"numeric","missing":0,"distinct":3}]',
    sourceTrackingId: 't',
  });
const deleted = (datasetId: string, sequence: number) => event('DatasetDeleted', datasetId, sequence, { datasetId, objectsRemoved: true });

describe('CatalogProjection (MariaDB)', () => {
  it('a deleted dataset stays deleted when its creation is applied again; a newer creation brings it back', async () => {
    const id = `ds-${randomBytes(6).toString('hex')}`;
    expect(await projection.apply(created(id, 10))).toBe(true);
    expect(await projection.apply(created(id, 10))).toBe(false); // redelivered: nothing changes
    expect(await repository.findDataset(id)).toMatchObject({ filename: 'a.csv', rows: 3, size: 10 });
    expect(await projection.apply(deleted(id, 20))).toBe(true);
    expect(await repository.findDataset(id)).toBeNull();

    await projection.apply(created(id, 10)); // a replay
    await projection.apply(deleted(id, 20));
    expect(await repository.findDataset(id)).toBeNull();

    await projection.apply(created(id, 30, 'again.csv'));
    expect(await repository.findDataset(id)).toMatchObject({ filename: 'again.csv', deletedAt: null });
    const [rows] = await repository.listDatasets(500, 0);
    expect(rows.filter((r) => r.datasetId === id)).toHaveLength(1);
  });

  it('keeps a sweep and its promotion whatever the redeliveries', async () => {
    const sweepId = `sw-${randomUUID()}`;
    const requested = event('SweepRequested', sweepId, 5, {
      sweepId,
      datasetId: 'ds-x',
      modelName: 'm',
      target: 'y',
      metric: 'accuracy',
      promoteAlias: 'champion',
      combinationsJson: '[]',
    });
    expect(await projection.apply(requested)).toBe(true);
    expect((await repository.unpromotedSweeps()).map((s) => s.sweepId)).toContain(sweepId);
    await projection.apply(event('SweepPromoted', sweepId, 6, { sweepId, alias: 'champion', modelVersion: '3', bestTrackingId: 't3' }));
    expect(await projection.apply(requested)).toBe(false); // redelivered
    expect(await repository.findSweep(sweepId)).toMatchObject({ promotedVersion: '3', promotedTrackingId: 't3' });
    expect((await repository.unpromotedSweeps()).map((s) => s.sweepId)).not.toContain(sweepId);
  });

  it('creates many datasets at once on an empty catalog, each applied twice at the same moment (service and projector)', async () => {
    // An empty table is one gap: at REPEATABLE READ every locking read of a new id shared it, and the inserts that
    // followed deadlocked one another faster than five attempts could untangle (a 500 for an upload's last chunk).
    const fresh = `${database}_burst`;
    const burstDs = await openHistoryDatabase(config, fresh);
    try {
      const burst = new CatalogProjection(new CatalogRepository(burstDs));
      const deadlocks = async () => Number((await burstDs.query("SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'"))[0].Value);
      const deadlocksBefore = await deadlocks();
      const ids = Array.from({ length: 24 }, () => `ds-${randomBytes(6).toString('hex')}`);
      const applied = await Promise.all(ids.flatMap((id, i) => [burst.apply(created(id, 100 + i)), burst.apply(created(id, 100 + i))]));
      for (let i = 0; i < ids.length; i++) expect([applied[2 * i], applied[2 * i + 1]].sort()).toEqual([false, true]);
      const [rows, total] = await new CatalogRepository(burstDs).listDatasets(100, 0);
      expect(total).toBe(ids.length);
      expect(rows.map((r) => r.datasetId).sort()).toEqual([...ids].sort());
      expect(await deadlocks()).toBe(deadlocksBefore); // not a retried deadlock either (22–29 of them before)
    } finally {
      await burstDs.destroy();
      await dropDatabase(config, fresh);
    }
  });

  it('an event type the catalog does not know is permanent (dead-lettered, skipped by a replay)', async () => {
    await expect(projection.apply(event('Mystery' as CatalogEvent['type'], 'k', 1, {}))).rejects.toBeInstanceOf(PermanentEventError);
  });
});
