/**
 * One batch of the replay (the messages of one fetch of one partition): decode them, then apply the job events to
 * each job projection with its batch API, both projections side by side. A projection whose batch fails is given
 * the batch's events again one by one: an event it refuses for good (PermanentEventError) is skipped and reported
 * — once, however many projections refused it — and the others are applied; any other failure ends the replay.
 * The catalog and audit topics (few events) are applied one by one as before.
 */
import { AnyEvent, EventCodec, PermanentEventError, UndecodableEventError } from '@modelstream/kafka';
import type { BoundedMessage } from '@modelstream/kafka';
import { ApplyStages, TopicEvent } from '../../projections/job-batch';

/** A projection as the replay drives it: one event at a time, and (the job projections) a batch at once. */
export interface ReplayProjection {
  apply(event: AnyEvent, topic: string): Promise<boolean>;
  applyBatch?(items: readonly TopicEvent[], stages?: ApplyStages): Promise<boolean[]>;
}

/** Busy milliseconds per stage, summed over batches (partitions run side by side, so they may exceed the wall time). */
export interface ReplayStages extends ApplyStages {
  decode: number;
}

export interface BatchOutcome {
  events: number;
  /** Per projection (in the order given), how many events changed it. */
  applied: number[];
}

export interface BatchReplayer {
  codec: Pick<EventCodec, 'decode'>;
  /** The projections of a topic (by the name events are recorded under); undefined where one is not replayed. */
  projectionsOf: (as: string) => Array<ReplayProjection | undefined>;
  appliedAs: (topic: string) => string;
  skip: (m: BoundedMessage, kind: 'undecodable' | 'rejected', error: unknown) => void;
  stages: ReplayStages;
}

export async function replayBatch(r: BatchReplayer, messages: BoundedMessage[]): Promise<BatchOutcome> {
  const decoding = performance.now();
  const decoded: Array<{ message: BoundedMessage; event: AnyEvent }> = [];
  for (const m of messages) {
    try {
      if (!m.message.value) throw new UndecodableEventError('message has no value');
      decoded.push({ message: m, event: await r.codec.decode(m.message.value) });
    } catch (error) {
      if (!(error instanceof UndecodableEventError)) throw error;
      r.skip(m, 'undecodable', error);
    }
  }
  r.stages.decode += performance.now() - decoding;
  const as = r.appliedAs(messages[0].topic);
  const items: TopicEvent[] = decoded.map(({ event }) => ({ event, topic: as }));
  const rejected = new Map<number, unknown>();
  const applied = await Promise.all(
    r.projectionsOf(as).map(async (projection) => {
      if (!projection) return 0;
      const changed = await applyBatchOrOneByOne(projection, items, rejected, r.stages);
      return changed.filter(Boolean).length;
    }),
  );
  for (const [i, error] of [...rejected].sort(([a], [b]) => a - b)) r.skip(decoded[i].message, 'rejected', error);
  return { events: decoded.length, applied };
}

async function applyBatchOrOneByOne(
  projection: ReplayProjection,
  items: TopicEvent[],
  rejected: Map<number, unknown>,
  stages: ApplyStages,
): Promise<boolean[]> {
  if (projection.applyBatch && items.length > 0) {
    try {
      return await projection.applyBatch(items, stages);
    } catch {
      // Singled out below: each event alone, so one that can never be applied spoils nothing else.
    }
  }
  const changed: boolean[] = [];
  for (const [i, { event, topic }] of items.entries()) {
    try {
      changed.push(await projection.apply(event, topic));
    } catch (error) {
      if (!(error instanceof PermanentEventError)) throw error;
      if (!rejected.has(i)) rejected.set(i, error);
      changed.push(false);
    }
  }
  return changed;
}
