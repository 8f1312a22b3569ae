/**
 * Bulk cancel: selects jobs, then cancels each through the one cancel path (TrainingCancelService), so a
 * bulk cancel publishes, closes uploads and projects exactly what single cancels would.
 *
 * Selection: trackingIds alone are taken as named (each answered, an unknown one as not_found). Any other
 * selector (sweepId, status, createdBefore) reads the job history in MariaDB — jobs still pending or running,
 * no cancel requested yet, every selector given at once — oldest first, at most MAX_BULK_CANCEL a call.
 * A body without a selector is refused: a bulk cancel never cancels everything.
 */
import { Injectable, Logger } from '@nestjs/common';
import { LOCAL_PRINCIPAL, Principal } from '@modelstream/auth';
import { ConflictError, FINAL_STATUSES, InvalidInputError, JobStatus, NotFoundError } from '@modelstream/contracts';
import { mapLimit, retry } from '@modelstream/resilience';
import { CancelSelection, JobHistoryRepository } from '../projections/history/job-history.repository';
import { BulkCancelAnswer, BulkCancelDto, BulkCancelResult, MAX_BULK_CANCEL } from './bulk-cancel.dto';
import { TrainingCancelService } from './training-cancel.service';

export const NO_SELECTOR_MESSAGE =
  'A bulk cancel needs a selector: name trackingIds, sweepId, status or createdBefore — bulk cancel never cancels everything.';

/** Jobs cancelled at once (each is a Redis lock, reads and a Kafka publish). */
const CONCURRENCY = 16;

@Injectable()
export class BulkCancelService {
  private readonly logger = new Logger(BulkCancelService.name);

  constructor(
    private readonly cancels: TrainingCancelService,
    private readonly history: JobHistoryRepository,
  ) {}

  /** Cancels the caller's selected jobs (an admin's: anyone's); another owner's named job is not_found. */
  async cancel(body: BulkCancelDto, caller: Principal = LOCAL_PRINCIPAL): Promise<BulkCancelAnswer> {
    const selection = { ...selectionOf(body), ownerId: caller.admin ? undefined : caller.ownerId };
    const { trackingIds, truncated } = await this.select(selection);
    const reason = body.reason ?? 'cancelled by a bulk cancel';
    const results = await mapLimit(trackingIds, CONCURRENCY, (trackingId) => this.cancelOne(trackingId, reason, caller));
    const cancelled = results.filter((r) => r.outcome === 'cancelled').length;
    this.logger.log({ selected: results.length, cancelled, truncated, msg: 'bulk cancel' });
    return { results, cancelled, truncated };
  }

  private async select(selection: CancelSelection): Promise<{ trackingIds: string[]; truncated: boolean }> {
    const { trackingIds, ownerId: _owner, ...others } = selection;
    if (trackingIds && Object.values(others).every((v) => v === undefined)) return { trackingIds, truncated: false };
    const selected = await this.history.findJobsToCancel(selection, MAX_BULK_CANCEL + 1);
    return { trackingIds: selected.slice(0, MAX_BULK_CANCEL), truncated: selected.length > MAX_BULK_CANCEL };
  }

  /** One job through the single-cancel path; a lock held by a chunk in flight is waited out briefly. */
  private async cancelOne(trackingId: string, reason: string, caller: Principal): Promise<BulkCancelResult> {
    try {
      const view = await retry(() => this.cancels.cancel(trackingId, reason, caller), {
        attempts: 5,
        initialDelayMs: 100,
        maxDelayMs: 1000,
        jitter: true,
        retryIf: (error) => error instanceof ConflictError && finalStatusOf(error) === null,
      });
      return { trackingId, outcome: 'cancelled', status: view.status };
    } catch (error) {
      if (error instanceof NotFoundError) return { trackingId, outcome: 'not_found', status: null };
      const final = error instanceof ConflictError ? finalStatusOf(error) : null;
      if (final) return { trackingId, outcome: 'already_final', status: final };
      throw error;
    }
  }
}

/** The request's selectors as values; a 400 when it names none. */
export function selectionOf(body: BulkCancelDto): CancelSelection {
  const selection: CancelSelection = {
    trackingIds: body.trackingIds && [...new Set(body.trackingIds)],
    sweepId: body.sweepId,
    status: body.status,
    createdBefore: body.createdBefore === undefined ? undefined : new Date(body.createdBefore),
  };
  if (Object.values(selection).every((v) => v === undefined)) throw new InvalidInputError(NO_SELECTOR_MESSAGE);
  if (selection.createdBefore && Number.isNaN(selection.createdBefore.getTime())) {
    throw new InvalidInputError(`createdBefore "${body.createdBefore}" is not a time; send ISO 8601, e.g. 2026-11-30T12:00:00Z.`);
  }
  return selection;
}

/** The status a "job is already final" conflict names (null for other conflicts, e.g. the upload's lock). */
function finalStatusOf(error: ConflictError): JobStatus | null {
  const status = error.details?.status as JobStatus | undefined;
  return status && FINAL_STATUSES.has(status) ? status : null;
}
