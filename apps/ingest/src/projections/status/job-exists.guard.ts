/**
 * A job's live stream answers 404 for an unknown trackingId before it opens. Once an SSE response has sent its
 * headers (Nest sends them a moment after the handler starts), an error can only be an `error` event under a 200,
 * so the lookup runs here, where the exception filter still chooses the status.
 */
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { JobStatusService } from './job-status.service';

@Injectable()
export class JobExistsGuard implements CanActivate {
  constructor(private readonly jobs: JobStatusService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { trackingId } = context.switchToHttp().getRequest<Request>().params;
    await this.jobs.get(String(trackingId)); // NotFoundError → 404; Redis down → 503
    return true;
  }
}
