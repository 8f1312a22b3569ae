import { Injectable } from '@nestjs/common';
import { concat, map, Observable, of, takeWhile } from 'rxjs';
import { FINAL_STATUSES, NotFoundError } from '@modelstream/contracts';
import { JobChangeFeed } from './job-change.feed';
import { ListJobsQuery, selectJobs } from '../list-jobs.query';
import { JobStatusProjection } from './job-status.projection';
import { JobList, JobStatusView } from './job-status.view';
import { readingRedis } from './redis-unavailable';

export interface StatusMessage {
  type: string;
  data: JobStatusView;
}

/** Reads job status for the API: one job, a page of jobs, or a live stream of one job's changes. */
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
      map((view) => ({ type: 'status', data: view })),
    );
  }
}
