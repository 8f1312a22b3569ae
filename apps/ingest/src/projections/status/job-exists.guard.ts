/**
 * A job's live stream answers 404 for an unknown trackingId (or another owner's job) before it opens. Once an SSE response has sent its
 * headers (Nest sends them a moment after the handler starts), an error can only be an `error` event under a 200,
 * so the lookup runs here, where the exception filter still chooses the status.
 */
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { RequestWithPrincipal } from '@modelstream/auth';
import { JobStatusService } from './job-status.service';

@Injectable()
export class JobExistsGuard implements CanActivate {
  constructor(private readonly jobs: JobStatusService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<{ params: Record<string, string> } & RequestWithPrincipal>();
    await this.jobs.get(String(req.params.trackingId), req.principal); // unknown or another owner's → 404; Redis down → 503
    return true;
  }
}
