/**
 * Why a running job stops before its end: the app is shutting down (the request is handed back to Kafka
 * uncommitted, for another instance) or a user cancelled it (the job ends as cancelled). Steps call
 * `checkpoint()` between their parts; the training loop polls `reason()` between batches.
 */
import { CancellationRegistry } from '../../control/cancellation.registry';

export interface JobContext {
  /** Keeps the consumer's group membership alive; called at least every few seconds. */
  heartbeat: () => Promise<void>;
  /** True once the app is stopping: the job stops and its request is handed back, not cancelled. */
  shuttingDown: () => boolean;
}

/** The app is stopping; the request stays uncommitted so another instance takes the job over. */
export class JobInterruptedError extends Error {
  override name = 'JobInterruptedError';
}

/** A user cancelled the job; the message is their reason. */
export class JobCancelledError extends Error {
  override name = 'JobCancelledError';
}

export interface JobStop {
  heartbeat: () => Promise<void>;
  /** Why the job must stop now, or null to go on (the form the training loop's stopReason hook takes). */
  reason: () => string | null;
  /** Heartbeats, then throws JobInterruptedError or JobCancelledError when the job must stop. */
  checkpoint: () => Promise<void>;
  /** Throws the error for a reason that `reason()` gave (e.g. the one the training loop stopped for). */
  throwIfStopped: (reason: string | null) => void;
}

/** Not a cancel reason a user could type: marks a shutdown in the training loop's stop reason. */
const SHUTDOWN = '\u0000shutdown';

export function jobStop(trackingId: string, ctx: JobContext, cancels: CancellationRegistry): JobStop {
  const reason = () => (ctx.shuttingDown() ? SHUTDOWN : cancels.reasonFor(trackingId));
  const throwIfStopped = (stopped: string | null) => {
    if (stopped === SHUTDOWN) throw new JobInterruptedError('the trainer is shutting down');
    if (stopped) throw new JobCancelledError(stopped);
  };
  return {
    heartbeat: ctx.heartbeat,
    reason,
    throwIfStopped,
    checkpoint: async () => {
      await ctx.heartbeat();
      throwIfStopped(reason());
    },
  };
}
