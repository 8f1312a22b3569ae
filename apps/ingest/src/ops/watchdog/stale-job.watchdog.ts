/**
 * Fails jobs that stay `running` without any event for longer than WATCHDOG_STALE_AFTER_MS (their trainer
 * died and nothing took the job over). It does not write the history itself: it publishes a TrainingFailed
 * event (stage `watchdog`), so Redis, MariaDB and every downstream consumer learn it from the log.
 */
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@modelstream/config';
import { PeriodicTask } from '@modelstream/platform';
import { SequenceClock, TOPICS, TrainingEvent } from '@modelstream/contracts';
import { EventPublisher } from '@modelstream/kafka';
import { RedisConnection, RedisKeys } from '@modelstream/storage';
import { JobHistoryRepository } from '../../projections/history/job-history.repository';

export const WATCHDOG_STAGE = 'watchdog';

@Injectable()
export class StaleJobWatchdog extends PeriodicTask {
  protected readonly logger = new Logger(StaleJobWatchdog.name);
  private readonly clock = new SequenceClock();

  constructor(
    private readonly config: AppConfig,
    private readonly history: JobHistoryRepository,
    private readonly publisher: EventPublisher,
    private readonly redis: RedisConnection,
    private readonly keys: RedisKeys,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.WATCHDOG_INTERVAL_MS;
  }

  protected override startLog(): Record<string, unknown> {
    return { task: 'stale-job watchdog', staleAfterMs: this.config.WATCHDOG_STALE_AFTER_MS };
  }

  protected async round(): Promise<number> {
    const staleAfter = this.config.WATCHDOG_STALE_AFTER_MS;
    const stale = await this.history.findStaleRunning(new Date(Date.now() - staleAfter), this.config.WATCHDOG_SCOPE_PREFIX);
    let failed = 0;
    for (const job of stale) {
      // Several ingest instances may run a watchdog: one claim per job and bound, the others skip it.
      const claimed = await this.redis.client.set(this.keys.watchdogClaim(job.trackingId), '1', 'PX', staleAfter, 'NX');
      if (claimed !== 'OK') continue;
      const sequence = Math.max(this.clock.next(), (await this.history.lastSequence(job.trackingId, TOPICS.trainingEvents.name)) + 1);
      const minutes = Math.round((Date.now() - job.lastEventAt.getTime()) / 6000) / 10;
      await this.publisher.publish<Extract<TrainingEvent, { type: 'TrainingFailed' }>>(TOPICS.trainingEvents, {
        type: 'TrainingFailed',
        trackingId: job.trackingId,
        ownerId: job.ownerId,
        sequence,
        payload: {
          error:
            `No event from the trainer for ${minutes} min (last at ${job.lastEventAt.toISOString()}, stage ${job.stage ?? 'unknown'}): ` +
            'its trainer stopped and no other instance took the job over. Start the training again.',
          stage: WATCHDOG_STAGE,
          mlflowRunId: job.mlflowRunId,
        },
      });
      this.logger.warn({
        trackingId: job.trackingId,
        lastEventAt: job.lastEventAt.toISOString(),
        msg: 'stale running job failed by the watchdog',
      });
      failed++;
    }
    return failed;
  }
}
