/** TrainingCancelService over the upload fakes (testing/upload.fakes.ts): what a cancel publishes and closes. */
import { Logger } from '@nestjs/common';
import { AuditTrail } from '@modelstream/auth';
import { SequenceClock, TOPICS } from '@modelstream/contracts';
import type { EventPublisher } from '@modelstream/kafka';
import type { JobStatusProjection } from '../projections/status/job-status.projection';
import { aView, csv, split, statusOf, uploadHarness } from '../upload/testing/upload.fakes';
import type { UploadStateRepository } from '../upload/upload-state.repository';
import { TrainingCancelService } from './training-cancel.service';

const NOW_MS = 1_750_000_000_000;

/** The cancel service sharing the upload fakes (state, publisher, projection) with an upload service. */
function cancelHarness() {
  const upload = uploadHarness();
  const cancels = new TrainingCancelService(
    upload.publisher as unknown as EventPublisher,
    upload.states as unknown as UploadStateRepository,
    upload.projection as unknown as JobStatusProjection,
    new SequenceClock(() => NOW_MS),
    new AuditTrail(upload.publisher as unknown as EventPublisher),
  );
  return { ...upload, cancels };
}

beforeAll(() => Logger.overrideLogger(false));

describe('TrainingCancelService', () => {
  it('closes an upload in progress and publishes the cancel; the upload then takes no more chunks', async () => {
    const { start, send, cancels, publisher, projection, stateOf } = cancelHarness();
    const parts = split(csv(30), 3);
    const { trackingId } = await start(parts);
    projection.views.set(trackingId, aView(trackingId, 'pending', { cancelRequestedAt: 'now' }));

    const view = await cancels.cancel(trackingId, 'wrong target');

    expect(view).toMatchObject({ trackingId, cancelRequestedAt: 'now' });
    expect(stateOf(trackingId)).toMatchObject({ phase: 'cancelled', reason: 'wrong target' });
    const cancel = publisher.published.at(-1)!;
    expect(cancel.topic).toBe(TOPICS.trainingControl.name);
    expect(cancel.event).toMatchObject({
      type: 'TrainingCancelRequested',
      trackingId,
      sequence: NOW_MS * 1000,
      payload: { reason: 'wrong target' },
    });
    expect(projection.applied.at(-1)).toBe(`training-control TrainingCancelRequested ${NOW_MS * 1000}`);
    await expect(send(trackingId, parts, 1)).rejects.toThrow(/was cancelled; it takes no more chunks/);
  });

  it('cancels a job past its upload without touching the finished upload', async () => {
    const { upload, cancels, publisher, projection, stateOf } = cancelHarness();
    const [{ trackingId }] = await upload([csv(10)]);
    projection.views.set(trackingId, aView(trackingId, 'running'));
    await cancels.cancel(trackingId, 'too slow');
    expect(stateOf(trackingId).phase).toBe('completed');
    expect(publisher.published.at(-1)!.event).toMatchObject({ type: 'TrainingCancelRequested', payload: { reason: 'too slow' } });
  });

  it("hides another owner's job (404, nothing published); an admin's cancel of it goes on the audit trail", async () => {
    const { upload, cancels, publisher, projection } = cancelHarness();
    const [{ trackingId }] = await upload([csv(10)]);
    projection.views.set(trackingId, aView(trackingId, 'running', { ownerId: 'alice' }));
    const who = (ownerId: string, admin = false) => ({ ownerId, scopes: [], keyId: `k-${ownerId}`, keyName: ownerId, admin }) as const;
    const before = publisher.published.length;
    await expect(cancels.cancel(trackingId, 'mine now', who('bob'))).rejects.toThrow(`No job with trackingId "${trackingId}"`);
    expect(publisher.published).toHaveLength(before);

    await cancels.cancel(trackingId, 'runaway job', who('ops', true));
    expect(publisher.published.slice(before).map((p) => [p.topic, p.event])).toEqual([
      [
        TOPICS.trainingControl.name,
        expect.objectContaining({ ownerId: 'alice', payload: { reason: 'runaway job', requestedBy: 'ops/k-ops' } }),
      ],
      [
        TOPICS.audit.name,
        expect.objectContaining({
          type: 'AdminActionRecorded',
          trackingId,
          ownerId: 'alice',
          payload: { action: 'job.cancelled', actor: 'ops/k-ops', detailsJson: '{"reason":"runaway job"}' },
        }),
      ],
    ]);
  });

  it('404s a job it knows nothing of, publishing nothing', async () => {
    const { cancels, publisher } = cancelHarness();
    expect(await statusOf(cancels.cancel('nope', 'x'))).toBe(404);
    expect(publisher.published).toHaveLength(0);
  });

  it.each(['completed', 'failed', 'cancelled'] as const)('409s a job already %s, publishing nothing', async (status) => {
    const { cancels, projection, publisher } = cancelHarness();
    projection.views.set('job-1', aView('job-1', status));
    await expect(cancels.cancel('job-1', 'x')).rejects.toThrow(`Job job-1 is already ${status}`);
    expect(await statusOf(cancels.cancel('job-1', 'x'))).toBe(409);
    expect(publisher.published).toHaveLength(0);
  });

  it('answers 503 while the broker is down; a retry then publishes the cancel once', async () => {
    const { cancels, projection, publisher } = cancelHarness();
    projection.views.set('job-1', aView('job-1', 'running'));
    publisher.down.add('*');
    expect(await statusOf(cancels.cancel('job-1', 'x'))).toBe(503);
    publisher.down.clear();
    await cancels.cancel('job-1', 'x');
    expect(publisher.log()).toEqual([`training-control TrainingCancelRequested ${NOW_MS * 1000 + 1}`]);
  });

  it('answers 503 when Redis, which holds the status, does not answer', async () => {
    const { cancels, projection } = cancelHarness();
    projection.failing = true;
    expect(await statusOf(cancels.cancel('job-1', 'x'))).toBe(503);
  });
});
