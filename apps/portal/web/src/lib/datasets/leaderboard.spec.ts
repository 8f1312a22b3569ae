import type { LeaderboardEntry, Sweep } from '@sdk/types';
import { directionLabel, finalCount, isSettled, winnerOf } from './leaderboard';

const entry = (over: Partial<LeaderboardEntry>): LeaderboardEntry => ({
  trackingId: 't',
  modelType: 'logistic_regression',
  params: {},
  rank: 1,
  status: 'completed',
  progress: 100,
  score: 0.9,
  metrics: { accuracy: 0.9 },
  modelId: 'models:/p/1',
  modelVersion: '1',
  error: null,
  ...over,
});

describe('sweep leaderboard', () => {
  it('is settled only once the sweep is completed', () => {
    expect(isSettled({ status: 'running' } as Pick<Sweep, 'status'>)).toBe(false);
    expect(isSettled({ status: 'completed' } as Pick<Sweep, 'status'>)).toBe(true);
  });

  it('takes the best completed, scored and registered training as the winner', () => {
    const leaderboard = [
      entry({ trackingId: 'a', status: 'running', score: null, modelVersion: null }),
      entry({ trackingId: 'b', score: 0.8, modelVersion: null }),
      entry({ trackingId: 'c', score: 0.7, modelVersion: '4' }),
    ];
    expect(winnerOf({ leaderboard })!.trackingId).toBe('c');
    expect(winnerOf({ leaderboard: [entry({ status: 'failed', score: null })] })).toBeNull();
  });

  it('counts final trainings and says which way is better', () => {
    const leaderboard = [entry({ status: 'cancelled' }), entry({ status: 'pending' }), entry({ status: 'failed' })];
    expect(finalCount({ leaderboard })).toEqual({ final: 2, total: 3 });
    expect(directionLabel('min')).toBe('lower is better');
  });
});
