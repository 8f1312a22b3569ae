import { Injectable } from '@nestjs/common';
import { concat, filter, map, Observable, of, takeWhile } from 'rxjs';
import { canReach, LOCAL_PRINCIPAL, Principal } from '@modelstream/auth';
import { FINAL_STATUSES, JobStatus, NotFoundError, ownerOf } from '@modelstream/contracts';
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

  /** A job the caller may reach: another owner's is unknown to it (404), as a job that does not exist. */
  async get(trackingId: string, caller: Principal = LOCAL_PRINCIPAL): Promise<JobStatusView> {
    return JSON.parse(await this.getJson(trackingId, caller)) as JobStatusView;
  }

  /** The same view as Redis holds it (JSON), for an answer that sends it on: no parse, no serialisation. */
  async getJson(trackingId: string, caller: Principal = LOCAL_PRINCIPAL): Promise<string> {
    this.feed.keepSubscribed(); // the views read a moment ago are answered from process while changes are heard
    const stored = await readingRedis(() => this.projection.storedView(trackingId));
    if (!stored || !canReach(caller, stored.ownerId)) {
      throw new NotFoundError(`No job with trackingId "${trackingId}". Use the trackingId that the first chunk's answer returned.`, {
        trackingId,
      });
    }
    return stored.json;
  }

  /** The caller's jobs (an admin's: everyone's). */
  list(query: ListJobsQuery, caller: Principal = LOCAL_PRINCIPAL): Promise<JobList> {
    const selection = selectJobs(query);
    return readingRedis(() => this.projection.list(selection, caller.admin ? undefined : caller.ownerId));
  }

  /** The current state first, then every change, ending after a final status (completed, failed, cancelled). */
  async stream(trackingId: string, caller: Principal = LOCAL_PRINCIPAL): Promise<Observable<StatusMessage>> {
    const changes = await readingRedis(() => this.feed.changesOf(trackingId)); // subscribe before reading, so no change falls in between
    const current = await this.get(trackingId, caller);
    return concat(of(current), changes).pipe(
      takeWhile((view) => !FINAL_STATUSES.has(view.status), true),
      map((view): StatusMessage => ({ type: 'status', data: view })),
    );
  }

  /**
   * Every job's changes from now on (only those into `status` when given; only the caller's jobs unless an admin
   * asks), with keep-alive comments; never ends by itself.
   */
  async streamAll(status?: JobStatus, caller: Principal = LOCAL_PRINCIPAL): Promise<Observable<JobStreamMessage>> {
    const all = await readingRedis(() => this.feed.allChanges());
    const changes = caller.admin ? all : all.pipe(filter((view) => ownerOf(view.ownerId) === caller.ownerId));
    return everyJobStream(changes, { status });
  }
}
