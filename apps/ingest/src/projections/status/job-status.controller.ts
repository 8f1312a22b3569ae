import { Controller, Get, Header, Param, Query, Sse, UseGuards } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Observable } from 'rxjs';
import { ApiErrorBody } from '@modelstream/platform';
import { ListJobsQuery } from '../list-jobs.query';
import { JobEventsQuery } from './job-events.query';
import { KEEP_ALIVE_INTERVAL_MS } from './job-events.stream';
import { JobExistsGuard } from './job-exists.guard';
import { JobStatusService, JobStreamMessage, StatusMessage } from './job-status.service';
import { JobList, JobStatusView } from './job-status.view';
import { Caller, NeedsScope, Principal } from '@modelstream/auth';

/** An error answered before the stream starts is JSON, whatever the stream's own media type. */
const ApiJsonError = (status: number, description: string) =>
  ApiResponse({ status, description, content: { 'application/json': { schema: { $ref: getSchemaPath(ApiErrorBody) } } } });

@ApiTags('jobs')
@NeedsScope('read')
@Controller('api/model-train')
export class JobStatusController {
  constructor(private readonly jobs: JobStatusService) {}

  // One path segment: no clash with ':trackingId/events' (two), nor with a trackingId (uuids are never "events").
  @Sse('events')
  @ApiOperation({
    summary: "A live stream (server-sent events) of every job's status changes, for a jobs table: one connection for all rows",
    description:
      'Each change of any job, as it happens, is an event named "status" whose data is the JobStatusView of GET ' +
      '/api/model-train/status/{trackingId} (no current state is sent: list the jobs first, then apply the changes). ' +
      `A ": keep-alive" comment every ${KEEP_ALIVE_INTERVAL_MS / 1000} s keeps proxies from closing a quiet stream. ` +
      'The stream does not end by itself; read it with fetch (it takes an Authorization header) rather than EventSource.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'Events named "status" whose data is a JobStatusView, and ": keep-alive" comments', type: JobStatusView })
  @ApiJsonError(400, `status is not one of the job statuses`)
  @ApiJsonError(503, 'Redis, which carries the job changes, is unreachable; retry after Retry-After seconds')
  everyJob(@Query() query: JobEventsQuery, @Caller() caller: Principal): Promise<Observable<JobStreamMessage>> {
    return this.jobs.streamAll(query.status, caller);
  }

  @Get('status')
  @ApiOperation({ summary: 'Every job with its status, newest first; filter by status and time, page with limit/offset or page/pageSize' })
  @ApiOkResponse({ type: JobList })
  @ApiJsonError(400, 'A filter or paging parameter is invalid, or they contradict each other; the message names each')
  @ApiJsonError(503, 'Redis, which holds job status, is unreachable; retry after Retry-After seconds')
  list(@Query() query: ListJobsQuery, @Caller() caller: Principal): Promise<JobList> {
    return this.jobs.list(query, caller);
  }

  // Answered by fastify directly, through the global guard and this method (job-status.direct.ts).
  @Get('status/:trackingId')
  @ApiOperation({ summary: "A job's status, progress, result (metrics), error and modelId" })
  @ApiOkResponse({ type: JobStatusView })
  @ApiNotFoundResponse({ type: ApiErrorBody, description: 'No job with this trackingId (or it is another owner’s)' })
  @Header('content-type', 'application/json; charset=utf-8')
  get(@Param('trackingId') trackingId: string, @Caller() caller: Principal): Promise<string> {
    return this.jobs.getJson(trackingId, caller); // the view as the projection stored it (a JobStatusView)
  }

  @Sse(':trackingId/events')
  @UseGuards(JobExistsGuard)
  @ApiOperation({
    summary: "A live stream (server-sent events) of a job's status: the current state first, then each change; ends after a final status",
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'Events named "status" whose data is a JobStatusView', type: JobStatusView })
  @ApiNotFoundResponse({ type: ApiErrorBody, description: 'No job with this trackingId (or it is another owner’s)' })
  events(@Param('trackingId') trackingId: string, @Caller() caller: Principal): Promise<Observable<StatusMessage>> {
    return this.jobs.stream(trackingId, caller);
  }
}
