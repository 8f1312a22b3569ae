/** everyJobStream: the changes as `status` events, the status filter, keep-alive comments, and its end. */
import { Subject } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { everyJobStream, KEEP_ALIVE_COMMENT, KEEP_ALIVE_INTERVAL_MS } from './job-events.stream';
import type { JobStatusView } from './job-status.view';

const view = (trackingId: string, status: JobStatusView['status']) => ({ trackingId, status }) as JobStatusView;
const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

describe('everyJobStream', () => {
  it('sends every change of every job as a "status" event, in order, and a keep-alive comment at each interval', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const changes = cold<JobStatusView>('a 9ms b 14ms c 30ms |', {
        a: view('job-1', 'pending'),
        b: view('job-2', 'running'),
        c: view('job-1', 'completed'),
      });
      expectObservable(everyJobStream(changes, { keepAliveMs: 20 })).toBe('a 9ms b 9ms k 4ms c 14ms k 15ms |', {
        a: { type: 'status', data: view('job-1', 'pending') },
        b: { type: 'status', data: view('job-2', 'running') },
        c: { type: 'status', data: view('job-1', 'completed') },
        k: { comment: KEEP_ALIVE_COMMENT },
      });
    });
  });

  it('keeps only the changes into the status asked for', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const changes = cold<JobStatusView>('a b c d |', {
        a: view('job-1', 'pending'),
        b: view('job-1', 'running'),
        c: view('job-2', 'running'),
        d: view('job-1', 'failed'),
      });
      expectObservable(everyJobStream(changes, { status: 'running', keepAliveMs: 1000 })).toBe('- b c - |', {
        b: { type: 'status', data: view('job-1', 'running') },
        c: { type: 'status', data: view('job-2', 'running') },
      });
    });
  });

  it('keeps a quiet stream alive every 15 s by default, and stops its clock once the feed ends', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const changes = cold<JobStatusView>('40s |');
      expectObservable(everyJobStream(changes)).toBe(`${KEEP_ALIVE_INTERVAL_MS}ms k 14999ms k 9999ms |`, {
        k: { comment: KEEP_ALIVE_COMMENT },
      });
    });
  });

  it('subscribes to the feed once, and lets go of it when the client leaves', () => {
    const feed = new Subject<JobStatusView>();
    const seen: unknown[] = [];
    const subscription = everyJobStream(feed, { keepAliveMs: 60_000 }).subscribe((m) => seen.push(m));
    expect(feed.observed).toBe(true);
    feed.next(view('job-3', 'pending'));
    subscription.unsubscribe();
    expect(feed.observed).toBe(false);
    expect(seen).toEqual([{ type: 'status', data: view('job-3', 'pending') }]);
  });
});
