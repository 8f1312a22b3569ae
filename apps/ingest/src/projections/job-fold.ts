/**
 * The job-lifecycle fold as both read models call it: an event off the topics (any type) into the job's
 * state; a type that is not a job event is permanent (the consumer dead-letters it, a replay skips it).
 */
import { JobEvent, JobState, reduceJob, UnknownJobEventError } from '@modelstream/contracts';
import { AnyEvent, PermanentEventError } from '@modelstream/kafka';

export function foldJob(state: JobState, event: AnyEvent): JobState {
  try {
    return reduceJob(state, event as JobEvent);
  } catch (error) {
    if (error instanceof UnknownJobEventError) throw new PermanentEventError(error.message);
    throw error;
  }
}
