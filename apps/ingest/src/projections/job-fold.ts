/**
 * The job-lifecycle fold as both read models call it: an event off the topics (any type) into the job's
 * state; a type that is not a job event is permanent (the consumer dead-letters it, a replay skips it).
 */
import { JobEvent, JobState, reduceJob, reduceJobEvents, UnknownJobEventError } from '@modelstream/contracts';
import { AnyEvent, PermanentEventError } from '@modelstream/kafka';

export function foldJob(state: JobState, event: AnyEvent): JobState {
  return permanentIfUnknown(() => reduceJob(state, event as JobEvent));
}

/** Several events of one job, in order, at once: the state folding them one by one makes (derived once). */
export function foldJobEvents(state: JobState, events: readonly AnyEvent[]): JobState {
  return permanentIfUnknown(() => reduceJobEvents(state, events as readonly JobEvent[]));
}

function permanentIfUnknown(fold: () => JobState): JobState {
  try {
    return fold();
  } catch (error) {
    if (error instanceof UnknownJobEventError) throw new PermanentEventError(error.message);
    throw error;
  }
}
