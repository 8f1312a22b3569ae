/** What the sweep page reads off a sweep: whether it is settled, its winner, how far it is. */
import type { LeaderboardEntry, Sweep } from '@sdk/types';

const FINAL = new Set(['completed', 'failed', 'cancelled']);

/** Settled: every job is final and the alias (if one was asked for) is given — nothing will change any more. */
export function isSettled(sweep: Pick<Sweep, 'status'>): boolean {
  return sweep.status === 'completed';
}

/** The best completed training with a score and a registered version (the leaderboard is best first), or null. */
export function winnerOf(sweep: Pick<Sweep, 'leaderboard'>): LeaderboardEntry | null {
  return sweep.leaderboard.find((e) => e.status === 'completed' && e.score !== null && e.modelVersion !== null) ?? null;
}

/** Trainings that reached a final status, of all. */
export function finalCount(sweep: Pick<Sweep, 'leaderboard'>): { final: number; total: number } {
  return { final: sweep.leaderboard.filter((e) => FINAL.has(e.status)).length, total: sweep.leaderboard.length };
}

export function directionLabel(direction: Sweep['direction']): string {
  return direction === 'max' ? 'higher is better' : 'lower is better';
}
