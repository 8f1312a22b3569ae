/**
 * Commits a batch group's handled offsets on a clock instead of after every fetch. KafkaJS's runner commits
 * after each batch whatever `autoCommitInterval` says, so a group reading a busy topic sends one OffsetCommit
 * per fetch of every partition, on the same two cores as the broker and the apps. With auto-commit off, this
 * commits what the handlers resolved at most every `intervalMs` (and once more when the group stops), through
 * the runner's own offset manager: it knows the current generation and forgets a partition's offsets when a
 * rebalance takes the partition away. An offset is resolved only once its event was handled, so a commit never
 * skips one; what a crash leaves uncommitted (under `intervalMs` of events) is delivered again to handlers
 * that are idempotent.
 */
import type { Logger } from '@nestjs/common';
import type { EachBatchPayload } from 'kafkajs';
import { errorMessage } from './kafka-client';

/** The runner's commit functions, the same for every batch of one `consumer.run`. */
export type RunnerCommits = Pick<EachBatchPayload, 'commitOffsetsIfNecessary' | 'uncommittedOffsets'>;

export class IntervalCommitter {
  private runner?: RunnerCommits;
  private timer?: NodeJS.Timeout;
  private inFlight?: Promise<void>;

  constructor(
    private readonly intervalMs: number,
    private readonly logger: Pick<Logger, 'warn'>,
  ) {}

  /** Takes the runner's commit functions from a batch, and starts the clock at the first. */
  track(payload: RunnerCommits): void {
    this.runner = { commitOffsetsIfNecessary: payload.commitOffsetsIfNecessary, uncommittedOffsets: payload.uncommittedOffsets };
    this.timer ??= setInterval(() => void this.flush(), this.intervalMs).unref();
  }

  /** The runner is gone (a crash, a new `run`): its offsets are no longer ours to commit. */
  forget(): void {
    this.runner = undefined;
  }

  /** Commits what was handled and not yet committed; one commit at a time. */
  async flush(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    const runner = this.runner;
    if (!runner) return;
    this.inFlight = (async () => {
      const offsets = runner.uncommittedOffsets();
      if (offsets.topics.length > 0) await runner.commitOffsetsIfNecessary(offsets);
    })()
      // The events were handled; a redelivery meets idempotent handlers, and the next tick tries again.
      .catch((error: unknown) => this.logger.warn({ err: errorMessage(error), msg: 'offset commit failed; retrying on the next tick' }))
      .finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  /** Stops the clock and commits what was handled (call it before leaving the group). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.inFlight;
    await this.flush();
    this.runner = undefined;
  }
}
