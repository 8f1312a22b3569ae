/**
 * Job status changes as they happen: one Redis subscriber connection per app on the projection's channel,
 * fanned out in-process to every live stream (SSE): the streams of one job and the streams of every job.
 */
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type Redis from 'ioredis';
import { Observable, Subject, filter } from 'rxjs';
import { RedisConnection } from '@modelstream/storage';
import { JobStatusProjection } from './job-status.projection';
import { JobStatusView } from './job-status.view';

@Injectable()
export class JobChangeFeed implements OnModuleDestroy {
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

  private ensureSubscribed(): Promise<unknown> {
    if (!this.subscribed) {
      const subscriber = this.redis.duplicate('sse');
      this.subscriber = subscriber;
      subscriber.on('message', (_channel: string, message: string) => {
        try {
          this.changes.next(JobStatusProjection.parseChange(message));
        } catch (error) {
          this.logger.warn({ err: (error as Error).message, msg: 'ignored an unreadable job change' });
        }
      });
      this.subscribed = subscriber.subscribe(this.projection.channel);
      this.subscribed.catch(() => (this.subscribed = undefined));
    }
    return this.subscribed;
  }

  onModuleDestroy(): void {
    this.changes.complete();
  }
}
