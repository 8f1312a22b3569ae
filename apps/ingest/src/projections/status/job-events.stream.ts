/**
 * The live stream of every job's changes (GET /api/model-train/events), as server-sent events: each change of
 * the status projection as an event named `status` whose data is the job's JobStatusView, optionally only the
 * changes into one status, and a `: keep-alive` comment at a fixed interval so proxies and load balancers that
 * close an idle connection keep it open. Pure rxjs: the feed and the clock come in, Nest's SSE writer goes out.
 */
import { endWith, filter, ignoreElements, interval, map, merge, Observable, share, takeUntil } from 'rxjs';
import type { JobStatus } from '@modelstream/contracts';
import type { JobStatusView } from './job-status.view';

/** How often a quiet stream sends its keep-alive comment (proxies commonly drop a connection idle for 30-60 s). */
export const KEEP_ALIVE_INTERVAL_MS = 15_000;
export const KEEP_ALIVE_COMMENT = 'keep-alive';

/** One `status` event: Nest writes `event: status` and `data: <the view as JSON>`. */
export interface StatusMessage {
  type: 'status';
  data: JobStatusView;
}

/** A comment line (`: keep-alive`): every SSE client ignores it, every proxy sees bytes flowing. */
export interface KeepAliveMessage {
  comment: string;
}

export type JobStreamMessage = StatusMessage | KeepAliveMessage;

export interface EveryJobStreamOptions {
  /** Only changes that leave a job in this status. */
  status?: JobStatus;
  keepAliveMs?: number;
}

/**
 * Every change of `changes` (of the one status asked for) as a `status` event, with keep-alive comments between;
 * ends when `changes` ends (the app shutting down), so no timer keeps a closed feed's stream open.
 */
export function everyJobStream(changes: Observable<JobStatusView>, options: EveryJobStreamOptions = {}): Observable<JobStreamMessage> {
  const { status, keepAliveMs = KEEP_ALIVE_INTERVAL_MS } = options;
  const events = changes.pipe(
    filter((view) => status === undefined || view.status === status),
    map((view): StatusMessage => ({ type: 'status', data: view })),
    share(),
  );
  const ended = events.pipe(ignoreElements(), endWith(true));
  const keepAlive = interval(keepAliveMs).pipe(
    map((): KeepAliveMessage => ({ comment: KEEP_ALIVE_COMMENT })),
    takeUntil(ended),
  );
  return merge(events, keepAlive);
}
