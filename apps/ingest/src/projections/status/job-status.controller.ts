import { Controller, Get, Param, Query, Sse } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Observable } from 'rxjs';
import { ListJobsQuery } from '../list-jobs.query';
import { JobStatusService, StatusMessage } from './job-status.service';
import { JobList, JobStatusView } from './job-status.view';
import { ApiErrorBody } from '@modelstream/platform';

@ApiTags('jobs')
@Controller('api/model-train')
export class JobStatusController {
  constructor(private readonly jobs: JobStatusService) {}

  @Get('status')
  @ApiOperation({ summary: 'Every job with its status, newest first; filter by status and time, page with limit/offset or page/pageSize' })
  @ApiOkResponse({ type: JobList })
  list(@Query() query: ListJobsQuery): Promise<JobList> {
    return this.jobs.list(query);
  }

  @Get('status/:trackingId')
  @ApiOperation({ summary: "A job's status, progress, result (metrics), error and modelId" })
  @ApiOkResponse({ type: JobStatusView })
  @ApiNotFoundResponse({ type: ApiErrorBody, description: 'No job with this trackingId' })
  get(@Param('trackingId') trackingId: string): Promise<JobStatusView> {
    return this.jobs.get(trackingId);
  }

  @Sse(':trackingId/events')
  @ApiOperation({
    summary: "A live stream (server-sent events) of a job's status: the current state first, then each change; ends after a final status",
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'Events named "status" whose data is a JobStatusView', type: JobStatusView })
  @ApiNotFoundResponse({ type: ApiErrorBody, description: 'No job with this trackingId' })
  events(@Param('trackingId') trackingId: string): Promise<Observable<StatusMessage>> {
    return this.jobs.stream(trackingId);
  }
}
