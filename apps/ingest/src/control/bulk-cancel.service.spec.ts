/** BulkCancelService with fakes for the single-cancel path and the job history's selection. */
import { Logger } from '@nestjs/common';
import { ConflictError, DependencyUnavailableError, FINAL_STATUSES, JobStatus, NotFoundError } from '@modelstream/contracts';
import type { CancelSelection, JobHistoryRepository } from '../projections/history/job-history.repository';
import type { JobStatusView } from '../projections/status/job-status.view';
import { aView, statusOf } from '../upload/testing/upload.fakes';
import { BulkCancelDto, MAX_BULK_CANCEL } from './bulk-cancel.dto';
import { BulkCancelService, NO_SELECTOR_MESSAGE } from './bulk-cancel.service';
import type { TrainingCancelService } from './training-cancel.service';

/** The single-cancel path as TrainingCancelService answers: 404 unknown, 409 final or busy, else the view. */
class FakeCancels {
  readonly statuses = new Map<string, JobStatus>();
  readonly calls: { trackingId: string; reason: string }[] = [];
  /** How many more calls find the upload's lock held, by trackingId. */
  readonly busy = new Map<string, number>();
  down = false;
  async cancel(trackingId: string, reason: string): Promise<JobStatusView> {
    this.calls.push({ trackingId, reason });
    if (this.down) throw new DependencyUnavailableError('kafka', 'Kafka did not acknowledge the event.');
    const status = this.statuses.get(trackingId);
    if (!status) throw new NotFoundError(`No job with trackingId "${trackingId}".`, { trackingId });
    if ((this.busy.get(trackingId) ?? 0) > 0) {
      this.busy.set(trackingId, this.busy.get(trackingId)! - 1);
      throw new ConflictError(`Another request for upload ${trackingId} is still being processed.`, { trackingId });
    }
    if (FINAL_STATUSES.has(status)) throw new ConflictError(`Job ${trackingId} is already ${status}.`, { status });
    // An upload in progress turns cancelled at once; a queued or running job waits for its trainer.
    if (trackingId.startsWith('upload')) this.statuses.set(trackingId, 'cancelled');
    return aView(trackingId, this.statuses.get(trackingId)!, { cancelRequestedAt: 'now' });
  }
}

class FakeHistory {
  selected: string[] = [];
  readonly queries: { selection: CancelSelection; limit: number }[] = [];
  async findJobsToCancel(selection: CancelSelection, limit: number): Promise<string[]> {
    this.queries.push({ selection, limit });
    return this.selected.slice(0, limit);
  }
}

function bulkHarness() {
  const cancels = new FakeCancels();
  const history = new FakeHistory();
  const bulk = new BulkCancelService(cancels as unknown as TrainingCancelService, history as unknown as JobHistoryRepository);
  return { cancels, history, bulk };
}

beforeAll(() => Logger.overrideLogger(false));

describe('BulkCancelService', () => {
  it.each<[string, BulkCancelDto]>([
    ['an empty body', {}],
    ['only a reason', { reason: 'cleanup' }],
  ])('refuses %s with a 400 that names the selectors, cancelling nothing', async (_, body) => {
    const { bulk, cancels, history } = bulkHarness();
    expect(await statusOf(bulk.cancel(body))).toBe(400);
    await expect(bulk.cancel(body)).rejects.toThrow(NO_SELECTOR_MESSAGE);
    expect(NO_SELECTOR_MESSAGE).toContain('name trackingIds, sweepId, status or createdBefore — bulk cancel never cancels everything');
    expect(cancels.calls).toHaveLength(0);
    expect(history.queries).toHaveLength(0);
  });

  it('answers each named job, in the order given: cancelled, already final, not found', async () => {
    const { bulk, cancels, history } = bulkHarness();
    cancels.statuses.set('upload-1', 'pending').set('job-running', 'running').set('job-done', 'completed').set('job-failed', 'failed');

    const answer = await bulk.cancel({ trackingIds: ['upload-1', 'job-done', 'nope', 'job-running', 'job-failed', 'upload-1'] });

    expect(answer).toEqual({
      results: [
        { trackingId: 'upload-1', outcome: 'cancelled', status: 'cancelled' },
        { trackingId: 'job-done', outcome: 'already_final', status: 'completed' },
        { trackingId: 'nope', outcome: 'not_found', status: null },
        { trackingId: 'job-running', outcome: 'cancelled', status: 'running' },
        { trackingId: 'job-failed', outcome: 'already_final', status: 'failed' },
      ],
      cancelled: 2,
      truncated: false,
    });
    expect(history.queries).toHaveLength(0); // named jobs alone need no selection
    expect(cancels.calls.map((c) => c.reason)).toEqual(Array(5).fill('cancelled by a bulk cancel'));
  });

  it('selects by status, createdBefore and sweepId in the history, each given selector narrowing, and cancels what it selects', async () => {
    const { bulk, cancels, history } = bulkHarness();
    history.selected = ['job-a', 'job-b'];
    cancels.statuses.set('job-a', 'pending').set('job-b', 'running');

    const answer = await bulk.cancel({
      trackingIds: ['job-a', 'job-b', 'job-c'],
      sweepId: 'sw-1',
      status: 'running',
      createdBefore: '2026-11-30T12:00:00Z',
      reason: 'sweep stopped',
    });

    expect(history.queries).toEqual([
      {
        selection: {
          trackingIds: ['job-a', 'job-b', 'job-c'],
          sweepId: 'sw-1',
          status: 'running',
          createdBefore: new Date('2026-11-30T12:00:00Z'),
        },
        limit: MAX_BULK_CANCEL + 1,
      },
    ]);
    expect(answer.results.map((r) => `${r.trackingId} ${r.outcome}`)).toEqual(['job-a cancelled', 'job-b cancelled']);
    expect(answer.cancelled).toBe(2);
    expect(cancels.calls.map((c) => c.reason)).toEqual(['sweep stopped', 'sweep stopped']);
  });

  it.each<[string, BulkCancelDto, CancelSelection]>([
    ['status', { status: 'pending' }, { status: 'pending' }],
    ['createdBefore', { createdBefore: '2026-01-01T00:00:00.000Z' }, { createdBefore: new Date('2026-01-01T00:00:00.000Z') }],
    ['sweepId', { sweepId: 'sw-9' }, { sweepId: 'sw-9' }],
  ])('takes %s alone as a selection of the history', async (_, body, selection) => {
    const { bulk, history } = bulkHarness();
    expect(await bulk.cancel(body)).toEqual({ results: [], cancelled: 0, truncated: false });
    expect(history.queries).toHaveLength(1);
    expect(Object.fromEntries(Object.entries(history.queries[0].selection).filter(([, v]) => v !== undefined))).toEqual(selection);
  });

  it(`cancels at most ${MAX_BULK_CANCEL} jobs a call, oldest first, and says more matched`, async () => {
    const { bulk, cancels, history } = bulkHarness();
    history.selected = Array.from({ length: MAX_BULK_CANCEL + 500 }, (_, i) => `job-${String(i).padStart(4, '0')}`);
    history.selected.forEach((id) => cancels.statuses.set(id, 'pending'));

    const answer = await bulk.cancel({ status: 'pending' });

    expect(answer.results).toHaveLength(MAX_BULK_CANCEL);
    expect(answer.results.map((r) => r.trackingId)).toEqual(history.selected.slice(0, MAX_BULK_CANCEL));
    expect(answer).toMatchObject({ cancelled: MAX_BULK_CANCEL, truncated: true });
    expect(cancels.calls).toHaveLength(MAX_BULK_CANCEL);
  });

  it('waits out an upload whose lock a chunk holds, then cancels it', async () => {
    const { bulk, cancels } = bulkHarness();
    cancels.statuses.set('upload-1', 'pending');
    cancels.busy.set('upload-1', 2);
    expect(await bulk.cancel({ trackingIds: ['upload-1'] })).toMatchObject({
      results: [{ trackingId: 'upload-1', outcome: 'cancelled', status: 'cancelled' }],
      cancelled: 1,
    });
    expect(cancels.calls).toHaveLength(3);
  });

  it('answers 503 when a dependency of the cancel path is down (the same request may be sent again)', async () => {
    const { bulk, cancels } = bulkHarness();
    cancels.statuses.set('job-1', 'running');
    cancels.down = true;
    expect(await statusOf(bulk.cancel({ trackingIds: ['job-1'] }))).toBe(503);
  });
});
