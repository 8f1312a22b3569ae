/**
 * Job status changes as they happen: one Redis subscriber connection per app on the projection's channel,
 * fanned out in-process to every live stream (SSE): the streams of one job and the streams of every job. It keeps
 * the projection's cache of read views (job-view.cache.ts) honest: each change makes it forget that job's view, and
 * the cache is live only while the subscription is — emptied when the connection drops, live again once the channel
 * is subscribed anew. It subscribes when the app starts, and again on a status read while it is not subscribed.
 */
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type Redis from 'ioredis';
import { Observable, Subject, filter } from 'rxjs';
import { RedisConnection } from '@modelstream/storage';
import { JobStatusProjection } from './job-status.projection';
import { JobStatusView } from './job-status.view';

@Injectable()
export class JobChangeFeed implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobChangeFeed.name);
  private readonly changes = new Subject<JobStatusView>();
  private subscriber?: Redis;
  private subscribed?: Promise<unknown>;

  constructor(
    private readonly redis: RedisConnection,
    private readonly projection: JobStatusProjection,
  ) {}

  /** Changes of one job; resolves once the subscription is active, so nothing published after is missed. */
  async changesOf(trackingId: string): Promise<Observable<JobStatusView>> {
    await this.ensureSubscribed();
    return this.changes.pipe(filter((view) => view.trackingId === trackingId));
  }

  /** Changes of every job (the Jobs page's one stream); resolves once the subscription is active. */
  async allChanges(): Promise<Observable<JobStatusView>> {
    await this.ensureSubscribed();
    return this.changes.asObservable();
  }

  onApplicationBootstrap(): void {
    this.keepSubscribed();
  }

  /** Subscribes when not subscribed (or subscribing): cheap to call per read. */
  keepSubscribed(): void {
    if (!this.subscribed) this.ensureSubscribed().catch(() => undefined); // retried by the next call
  }

  private ensureSubscribed(): Promise<unknown> {
    if (!this.subscribed) {
      const subscriber = (this.subscriber ??= this.connect());
      const subscribed = subscriber.subscribe(this.projection.channel).then(() => {
        if (this.subscribed === subscribed && subscriber.status === 'ready') this.projection.views.live = true;
      });
      subscribed.catch(() => {
        if (this.subscribed === subscribed) this.subscribed = undefined;
      });
      this.subscribed = subscribed;
    }
    return this.subscribed;
  }

  private connect(): Redis {
    const subscriber = this.redis.duplicate('sse');
    subscriber.on('message', (_channel: string, message: string) => {
      try {
        const view = JobStatusProjection.parseChange(message);
        this.projection.views.forget(view.trackingId);
        this.changes.next(view);
      } catch (error) {
        this.projection.views.clear(); // a change it cannot place: forget every job rather than keep a stale one
        this.logger.warn({ err: (error as Error).message, msg: 'ignored an unreadable job change' });
      }
    });
    // Changes published while the connection is down are lost to it: the cache is emptied and unused until the
    // channel is subscribed again (ioredis resubscribes on its own after 'ready'; ours answers after its).
    let dropped = false;
    subscriber.on('close', () => {
      dropped = true;
      this.projection.views.live = false;
    });
    subscriber.on('ready', () => {
      if (!dropped) return;
      dropped = false;
      this.subscribed = undefined;
      this.keepSubscribed();
    });
    return subscriber;
  }

  onModuleDestroy(): void {
    this.changes.complete();
  }
}
