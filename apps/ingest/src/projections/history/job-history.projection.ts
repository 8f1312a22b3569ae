import { Injectable } from '@nestjs/common';
import { JobState } from '@modelstream/contracts';
import { AnyEvent } from '@modelstream/kafka';
import { ApplyStages, TopicEvent } from '../job-batch';
import { foldJob } from '../job-fold';
import { JobChange, JobHistoryRepository, MetricRow } from './job-history.repository';

/**
 * Projects job events into the MariaDB history through the job-lifecycle fold, idempotently (the live
 * projector and the replay both call `apply`). Resolves true when the event changed the history, false when
 * it had already been applied. Besides the fold's state, the history keeps every epoch's metrics.
 */
@Injectable()
export class JobHistoryProjection {
  constructor(private readonly repository: JobHistoryRepository) {}

  /**
   * `inOrder`: a writer's read-after-write apply of an event numbered after its topic's earlier ones (an upload's
   * chunks are 1…n, its end n+1) happens only right after its predecessor. Otherwise, with the projector behind
   * (Kafka was away), the earlier events would arrive below the cursor and be skipped as already applied.
   */
  apply(event: AnyEvent, topic: string, { inOrder = false }: { inOrder?: boolean } = {}): Promise<boolean> {
    return this.repository.applyEvent(
      { trackingId: event.trackingId, topic, sequence: Number(event.sequence), eventId: event.eventId, inOrder },
      changeOf(event),
    );
  }

  /**
   * Applies a batch of events in one transaction, each job's in the batch's order; per event, true when it changed
   * the history. The same rows as applying them one by one; an event the fold refuses or a row MariaDB refuses
   * fails the whole batch (nothing written), and the caller applies its events one by one to single it out.
   */
  applyBatch(items: readonly TopicEvent[], stages?: ApplyStages): Promise<boolean[]> {
    return this.repository.applyEvents(
      items.map(({ event, topic }) => ({
        ref: { trackingId: event.trackingId, topic, sequence: Number(event.sequence), eventId: event.eventId },
        change: changeOf(event),
      })),
      stages,
    );
  }
}

/** What an event does to a job: the fold's new state, and the metric values it brings. */
const changeOf =
  (event: AnyEvent) =>
  (before: JobState): JobChange => {
    const state = foldJob(before, event);
    return { state, metrics: [...epochMetrics(before, event), ...finalMetrics(before, state)] };
  };

/** A training epoch's loss and metrics, unless the job had already ended (a zombie trainer's report). */
function epochMetrics(before: JobState, event: AnyEvent): MetricRow[] {
  if (event.type !== 'TrainingProgress' || before.facts.training?.outcome) return [];
  const p = event.payload as { epoch: number | null; loss: number | null; metrics: Record<string, number> | null };
  if (p.epoch === null || p.epoch === undefined) return [];
  const rows: MetricRow[] = Object.entries(p.metrics ?? {}).map(([name, value]) => ({
    kind: 'epoch',
    name,
    step: p.epoch!,
    value: finite(value),
  }));
  if (p.loss !== null && p.loss !== undefined) rows.unshift({ kind: 'epoch', name: 'loss', step: p.epoch, value: finite(p.loss) });
  return rows;
}

/** The final validation metrics, when this event completed the job. */
function finalMetrics(before: JobState, after: JobState): MetricRow[] {
  if (!after.metrics || before.metrics) return [];
  return Object.entries(after.metrics).map(([name, value]) => ({ kind: 'final', name, step: 0, value }));
}

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);
