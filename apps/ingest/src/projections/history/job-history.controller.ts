import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '@modelstream/platform';
import { JobHistoryService } from './job-history.service';
import { JobHistoryDetail, JobHistoryPage } from './job-history.views';
import { ListJobsQuery } from '../list-jobs.query';
import { Caller, NeedsScope, Principal } from '@modelstream/auth';

const DATABASE_DOWN = 'MariaDB (the job history) is unreachable; retry after Retry-After seconds';

@ApiTags('job history')
@NeedsScope('read')
@Controller('api/model-train/jobs')
export class JobHistoryController {
  constructor(private readonly history: JobHistoryService) {}

  @Get()
  @ApiOperation({
    summary:
      'Jobs from the durable history (MariaDB), newest first; filter by status, model type, filename and time, page with limit/offset or page/pageSize',
  })
  @ApiOkResponse({ type: JobHistoryPage })
  @ApiErrorResponses({
    400: 'A filter or paging parameter is invalid, or they contradict each other (limit ≠ pageSize, offset and page, from after to)',
    503: DATABASE_DOWN,
  })
  list(@Query() query: ListJobsQuery, @Caller() caller: Principal): Promise<JobHistoryPage> {
    return this.history.list(query, caller);
  }

  @Get(':trackingId')
  @ApiOperation({ summary: "A job's full life: settings, status transitions, per-epoch and final metrics, model id" })
  @ApiOkResponse({ type: JobHistoryDetail })
  @ApiErrorResponses({ 404: 'No job with this trackingId in the history (yet), or it is another owner’s', 503: DATABASE_DOWN })
  get(@Param('trackingId') trackingId: string, @Caller() caller: Principal): Promise<JobHistoryDetail> {
    return this.history.get(trackingId, caller);
  }
}
