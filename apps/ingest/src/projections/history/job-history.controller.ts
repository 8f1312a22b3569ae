import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { JobHistoryService, JobHistoryView, JobPage } from './job-history.service';
import { ListJobsQuery } from '../list-jobs.query';

@ApiTags('job history')
@Controller('api/model-train/jobs')
export class JobHistoryController {
  constructor(private readonly history: JobHistoryService) {}

  @Get()
  @ApiOperation({
    summary:
      'Jobs from the durable history (MariaDB), newest first; filter by status, model type, filename and time, page with limit/offset or page/pageSize',
  })
  list(@Query() query: ListJobsQuery): Promise<JobPage> {
    return this.history.list(query);
  }

  @Get(':trackingId')
  @ApiOperation({ summary: "A job's full life: settings, status transitions, per-epoch and final metrics, model id" })
  get(@Param('trackingId') trackingId: string): Promise<JobHistoryView> {
    return this.history.get(trackingId);
  }
}
