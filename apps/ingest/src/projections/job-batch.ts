/**
 * What the projections' batch APIs take and report: events with the (logical) topic they were read from, in the
 * order read, and the busy time of each stage of an apply (a bench sums them to show where the time goes).
 */
import type { AnyEvent } from '@modelstream/kafka';

export interface TopicEvent {
  event: AnyEvent;
  topic: string;
}

/**
 * Milliseconds spent folding events, writing the store and committing, added up over batches. MariaDB: `write` is the
 * locking read (and the numbering of versions), `commit` the writes sent with their COMMIT.
 */
export interface ApplyStages {
  fold: number;
  write: number;
  commit: number;
}

export const noStages = (): ApplyStages => ({ fold: 0, write: 0, commit: 0 });

/** The positions of each job's events in a batch, in batch order (one job's events keep their order). */
export function positionsByJob(items: readonly TopicEvent[]): Map<string, number[]> {
  const jobs = new Map<string, number[]>();
  items.forEach(({ event }, i) => {
    const list = jobs.get(event.trackingId);
    if (list) list.push(i);
    else jobs.set(event.trackingId, [i]);
  });
  return jobs;
}
