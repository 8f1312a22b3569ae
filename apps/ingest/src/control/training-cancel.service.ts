/**
 * Cancelling a job: a TrainingCancelRequested event on the control topic, which every trainer reads. An
 * upload that is still in progress is closed here as well (no trainer knows it yet), so it takes no more
 * chunks and the projection marks it cancelled right away.
 */
import { Injectable, Logger } from '@nestjs/common';
import { actorOf, AuditTrail, canReach, LOCAL_PRINCIPAL, Principal } from '@modelstream/auth';
import { ConflictError, FINAL_STATUSES, NotFoundError, ownerOf, SequenceClock, TOPICS, TrainingControlEvent } from '@modelstream/contracts';
import { errorMessage, EventPublisher } from '@modelstream/kafka';
import { JobStatusProjection } from '../projections/status/job-status.projection';
import { JobStatusView } from '../projections/status/job-status.view';
import { readingRedis } from '../projections/status/redis-unavailable';
import { cancelled } from '../upload/upload-session';
import { UploadStateRepository } from '../upload/upload-state.repository';

@Injectable()
export class TrainingCancelService {
  private readonly logger = new Logger(TrainingCancelService.name);

  constructor(
    private readonly publisher: EventPublisher,
    private readonly uploads: UploadStateRepository,
    private readonly projection: JobStatusProjection,
    private readonly clock: SequenceClock,
    private readonly audit: AuditTrail,
  ) {}

  /** Cancels a job the caller may reach (another owner's is unknown to it: 404); the event names who asked. */
  async cancel(trackingId: string, reason: string, caller: Principal = LOCAL_PRINCIPAL): Promise<JobStatusView> {
    return this.uploads.withLock(trackingId, async () => {
      const [view, upload] = await Promise.all([readingRedis(() => this.projection.get(trackingId)), this.uploads.get(trackingId)]);
      const ownerId = ownerOf(view?.ownerId ?? upload?.ownerId);
      if ((!view && !upload) || !canReach(caller, ownerId)) {
        throw new NotFoundError(`No job with trackingId "${trackingId}". Use the trackingId that the first chunk's answer returned.`, {
          trackingId,
        });
      }
      if (view && FINAL_STATUSES.has(view.status)) {
        throw new ConflictError(`Job ${trackingId} is already ${view.status}; there is nothing to cancel.`, { status: view.status });
      }
      const closed = upload && cancelled(upload, reason);
      if (closed) await this.uploads.save(closed);
      const { event } = await this.publisher.publish<TrainingControlEvent>(TOPICS.trainingControl, {
        type: 'TrainingCancelRequested',
        trackingId,
        ownerId,
        sequence: this.clock.next(),
        payload: { reason, requestedBy: actorOf(caller) },
      });
      try {
        await this.projection.apply(event, TOPICS.trainingControl.name);
      } catch (error) {
        this.logger.warn({ trackingId, err: errorMessage(error), msg: 'status not projected yet; the projector will' });
      }
      this.logger.log({ trackingId, reason, ownerId, requestedBy: actorOf(caller), msg: 'cancel requested' });
      if (caller.ownerId !== ownerId) {
        await this.audit.record({ action: 'job.cancelled', actor: actorOf(caller), target: trackingId, ownerId, details: { reason } });
      }
      return (await readingRedis(() => this.projection.get(trackingId))) ?? view!;
    });
  }
}
