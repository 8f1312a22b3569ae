import { Injectable } from '@nestjs/common';
import { concat, map, Observable, of, takeWhile } from 'rxjs';
import { FINAL_STATUSES, JobStatus, NotFoundError } from '@modelstream/contracts';
import { JobChangeFeed } from './job-change.feed';
import { everyJobStream, JobStreamMessage, StatusMessage } from './job-events.stream';
import { ListJobsQuery, selectJobs } from '../list-jobs.query';
import { JobStatusProjection } from './job-status.projection';
import { JobList, JobStatusView } from './job-status.view';
import { readingRedis } from './redis-unavailable';

export type { JobStreamMessage, StatusMessage } from './job-events.stream';

/** Reads job status for the API: one job, a page of jobs, a live stream of one job's changes or of every job's. */
@Injectable()
export class JobStatusService {
  constructor(
    private readonly projection: JobStatusProjection,
    private readonly feed: JobChangeFeed,
  ) {}

  async get(trackingId: string): Promise<JobStatusView> {
    const view = await readingRedis(() => this.projection.get(trackingId));
    if (!view) {
      throw new NotFoundError(`No job with trackingId "${trackingId}". Use the trackingId that the first chunk's answer returned.`, {
        trackingId,
      });
    }
    return view;
  }

  list(query: ListJobsQuery): Promise<JobList> {
    const selection = selectJobs(query);
    return readingRedis(() => this.projection.list(selection));
  }

  /** The current state first, then every change, ending after a final status (completed, failed, cancelled). */
  async stream(trackingId: string): Promise<Observable<StatusMessage>> {
    const changes = await readingRedis(() => this.feed.changesOf(trackingId)); // subscribe before reading, so no change falls in between
    const current = await this.get(trackingId);
    return concat(of(current), changes).pipe(
      takeWhile((view) => !FINAL_STATUSES.has(view.status), true),
      map((view): StatusMessage => ({ type: 'status', data: view })),
    );
  }

  /** Every job's changes from now on (only those into `status` when given), with keep-alive comments; never ends by itself. */
  async streamAll(status?: JobStatus): Promise<Observable<JobStreamMessage>> {
    const changes = await readingRedis(() => this.feed.allChanges());
    return everyJobStream(changes, { status });
  }
}
