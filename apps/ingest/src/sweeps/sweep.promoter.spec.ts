import { Logger } from '@nestjs/common';
import type { AppConfig } from '@modelstream/config';
import type { MlflowClient } from '@modelstream/mlflow';
import { RedisKeys, type RedisConnection, type SweepEntity } from '@modelstream/storage';
import type { CatalogRepository } from '../datasets/catalog.repository';
import type { DatasetsService } from '../datasets/datasets.service';
import { SweepPromoter } from './sweep.promoter';
import type { LeaderboardEntryView, SweepView } from './sweeps.dto';
import type { SweepsService } from './sweeps.service';

beforeAll(() => Logger.overrideLogger(false));

const sweepRow = { sweepId: 'sw-1', modelName: 'penguins', promoteAlias: 'champion' } as SweepEntity;
const entry = (trackingId: string, status: string, score: number | null, modelVersion: string | null): LeaderboardEntryView =>
  ({ trackingId, status, score, modelVersion, rank: 0 }) as LeaderboardEntryView;

function promoter(view: Pick<SweepView, 'jobsFinal' | 'leaderboard'>, claimed = true) {
  const aliases: string[] = [];
  const events: unknown[] = [];
  const claims = new Set<string>();
  const instance = new SweepPromoter(
    { SWEEP_PROMOTE_INTERVAL_MS: 0 } as AppConfig,
    { unpromotedSweeps: async () => [sweepRow] } as unknown as CatalogRepository,
    { view: async () => view } as unknown as SweepsService,
    { publishCatalog: async (e: unknown) => void events.push(e), nextSequence: () => 7 } as unknown as DatasetsService,
    {
      setAlias: async (name: string, alias: string, version: string) => void aliases.push(`${name}@${alias}=${version}`),
    } as unknown as MlflowClient,
    {
      client: {
        set: async (key: string) => {
          if (!claimed || claims.has(key)) return null;
          claims.add(key);
          return 'OK';
        },
      },
    } as unknown as RedisConnection,
    new RedisKeys('t:'),
  );
  return { instance, aliases, events };
}

describe('SweepPromoter', () => {
  it('gives the best completed version the alias once every job is final, and records it', async () => {
    const { instance, aliases, events } = promoter({
      jobsFinal: true,
      leaderboard: [entry('a', 'failed', null, null), entry('b', 'completed', 0.97, '4'), entry('c', 'completed', 0.9, '2')].sort(
        (x, y) => (y.score ?? -1) - (x.score ?? -1),
      ),
    });
    expect(await instance.tick()).toBe(1);
    expect(aliases).toEqual(['penguins@champion=4']);
    expect(events).toEqual([
      {
        type: 'SweepPromoted',
        trackingId: 'sw-1',
        sequence: 7,
        payload: { sweepId: 'sw-1', alias: 'champion', modelVersion: '4', bestTrackingId: 'b' },
      },
    ]);
    expect(await instance.tick()).toBe(0); // claimed: another round (or instance) leaves it
  });

  it('waits while a job still runs, and gives nothing when no job completed', async () => {
    const running = promoter({ jobsFinal: false, leaderboard: [entry('b', 'completed', 0.97, '4'), entry('c', 'running', null, null)] });
    expect(await running.instance.tick()).toBe(0);
    const failed = promoter({ jobsFinal: true, leaderboard: [entry('a', 'failed', null, null)] });
    expect(await failed.instance.tick()).toBe(0);
    expect([...running.aliases, ...failed.aliases]).toEqual([]);
  });

  it('leaves a sweep another instance claimed', async () => {
    const { instance, aliases } = promoter({ jobsFinal: true, leaderboard: [entry('b', 'completed', 0.97, '4')] }, false);
    expect(await instance.tick()).toBe(0);
    expect(aliases).toEqual([]);
  });
});
