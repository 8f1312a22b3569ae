/**
 * Retention of abandoned uploads: an upload still missing chunks with no event for UPLOAD_ABANDON_AFTER_MS is
 * discarded. The job history finds the candidates; UploadService.abandon then deletes the chunks, closes the
 * upload (a late chunk gets 409) and publishes UploadAborted, so the job fails in every read model from the log.
 * Same rhythm as the stale-job watchdog: every WATCHDOG_INTERVAL_MS (0: off), jobs in WATCHDOG_SCOPE_PREFIX,
 * one round at a time, one Redis claim per upload so one ingest instance handles it.
 */
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@modelstream/config';
import { PeriodicTask } from '@modelstream/platform';
import { errorMessage } from '@modelstream/kafka';
import { RedisConnection, RedisKeys } from '@modelstream/storage';
import { JobHistoryRepository } from '../../projections/history/job-history.repository';
import { UploadService } from '../../upload/upload.service';

/** "24 h", "30 min", "3 s": the idle time an abandoned upload's reason names. */
export function idleTime(ms: number): string {
  const round = (n: number) => String(Math.round(n * 10) / 10);
  if (ms >= 3_600_000) return `${round(ms / 3_600_000)} h`;
  if (ms >= 60_000) return `${round(ms / 60_000)} min`;
  return `${round(ms / 1000)} s`;
}

/** Why an abandoned upload was aborted (the job's error reads "Upload aborted: <this>"). */
export const abandonedReason = (abandonAfterMs: number) =>
  `no chunk arrived for ${idleTime(abandonAfterMs)}, so the upload was abandoned and its chunks deleted; start the upload again.`;

@Injectable()
export class AbandonedUploadSweeper extends PeriodicTask {
  protected readonly logger = new Logger(AbandonedUploadSweeper.name);

  constructor(
    private readonly config: AppConfig,
    private readonly history: JobHistoryRepository,
    private readonly uploads: UploadService,
    private readonly redis: RedisConnection,
    private readonly keys: RedisKeys,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.WATCHDOG_INTERVAL_MS;
  }

  protected override startLog(): Record<string, unknown> {
    return { task: 'abandoned-upload sweeper', abandonAfterMs: this.config.UPLOAD_ABANDON_AFTER_MS };
  }

  protected async round(): Promise<number> {
    const after = this.config.UPLOAD_ABANDON_AFTER_MS;
    const idle = await this.history.findAbandonedUploads(new Date(Date.now() - after), this.config.WATCHDOG_SCOPE_PREFIX);
    const reason = abandonedReason(after);
    let discarded = 0;
    for (const job of idle) {
      // Several ingest instances may sweep: one claim per upload and bound, the others skip it.
      const claimed = await this.redis.client.set(this.keys.abandonClaim(job.trackingId), '1', 'PX', after, 'NX');
      if (claimed !== 'OK') continue;
      try {
        // The history may lag a chunk that just came: abandon checks the upload still has the chunks seen here.
        if (!(await this.uploads.abandon(job.trackingId, reason, job))) continue;
      } catch (error) {
        // e.g. the upload's lock is held: a chunk is arriving, so the upload is not abandoned.
        this.logger.warn({ trackingId: job.trackingId, err: errorMessage(error), msg: 'abandoned upload left for now' });
        continue;
      }
      this.logger.warn({
        trackingId: job.trackingId,
        lastEventAt: job.lastEventAt.toISOString(),
        receivedChunks: job.receivedChunks,
        totalChunks: job.totalChunks,
        msg: 'abandoned upload discarded by the sweeper',
      });
      discarded++;
    }
    return discarded;
  }
}
