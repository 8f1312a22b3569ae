/**
 * MariaDB stopped in the middle of a job and started again: the history projector retries with backoff
 * (attempts counted in Redis) and loses no event; the history API answers 503 meanwhile, and the job's
 * history afterwards equals a replay of the topics into a fresh database.
 */
import { createConnection } from 'node:net';
import { replayJobTopics } from '@modelstream/ingest-ops';
import { RunningApp } from './support/app-process';
import { jobLife } from './support/history-events';
import {
  deleteGroup,
  getJson,
  harness,
  HistoryHarness,
  historyGroupOf,
  historySnapshot,
  publishAll,
  runId,
  stackDirOf,
  stackService,
  startIngest,
  testDatabase,
  TestDatabase,
} from './support/history-harness';
import { eventually } from './support/stack';

jest.setTimeout(600_000);

const PORT = 3152;
const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => resolve(!!socket.end()));
    socket.once('error', () => resolve(false));
  });

describe('history projector across a MariaDB outage', () => {
  let h: HistoryHarness;
  let db: TestDatabase;
  let app: RunningApp;
  const dbs: TestDatabase[] = [];
  let stackDir: string;

  beforeAll(async () => {
    h = harness();
    stackDir = stackDirOf('mariadb');
    db = await testDatabase(h.config, 'fault');
    app = await startIngest(PORT, db.name);
  });

  afterAll(async () => {
    stackService('up', 'mariadb', stackDir); // always, even when the test failed half-way
    await app?.stop();
    if (db) await deleteGroup(h.kafka, historyGroupOf(db.name));
    await Promise.allSettled([db?.drop(), ...dbs.map((d) => d.drop())]);
    await h?.close();
  });

  it('loses no event while MariaDB is down', async () => {
    const trackingId = `hist-fault-${runId()}`;
    // No TrainingRequested: a real trainer running beside the test would take the request up and fail it.
    const life = jobLife({ ending: 'completed', trackingId, epochs: 6 }).filter((e) => e.event.type !== 'TrainingRequested');
    const before = life.slice(0, 5); // two chunks, started, epochs 1-2
    const during = life.slice(5); // epochs 3-6, registering, completed
    const job = () =>
      getJson<{ status: string; epochs: Array<{ epoch: number }>; metrics: Record<string, number> }>(
        `${app.url}/api/model-train/jobs/${trackingId}`,
      );

    await publishAll(h.publisher, before);
    expect(await eventually(async () => (await job()).body.epochs?.length === 2, 60_000)).toBe(true);

    stackService('down', 'mariadb', stackDir);
    expect(await portOpen(h.config.MARIADB_PORT)).toBe(false);
    await publishAll(h.publisher, during);
    const whileDown = await job();
    expect(whileDown.status).toBe(503);
    await new Promise((r) => setTimeout(r, 8000)); // the projector meets the outage and backs off
    stackService('up', 'mariadb', stackDir);

    expect(await eventually(async () => (await job()).body.status === 'completed', 120_000, 1000)).toBe(true);
    const after = (await job()).body;
    expect(after.epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(after.metrics).toEqual({ accuracy: 0.93, f1: 0.91, log_loss: 0.2 });

    // Every event counted once: the live history equals a rebuild from the topics.
    const rebuilt = await testDatabase(h.config, 'faultreplay');
    dbs.push(rebuilt);
    await replayJobTopics({ kafka: h.kafka, codec: h.codec, database: rebuilt.ds });
    const live = await historySnapshot(db.ds, [trackingId]);
    expect(await historySnapshot(rebuilt.ds, [trackingId])).toEqual(live);
    const cursors = live.cursors as Array<{ topic: string; applied_events: number }>;
    expect(Object.fromEntries(cursors.map((c) => [c.topic, c.applied_events]))).toEqual({
      'modelstream.upload-chunks': 2,
      'modelstream.training-events': life.length - 2,
    });
  });
});
