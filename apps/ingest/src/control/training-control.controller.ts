import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrorBody } from '@modelstream/platform';
import { JobStatusView } from '../projections/status/job-status.view';
import { BulkCancelAnswer, BulkCancelDto, MAX_BULK_CANCEL } from './bulk-cancel.dto';
import { BulkCancelService } from './bulk-cancel.service';
import { CancelTrainingDto } from './cancel-training.dto';
import { TrainingCancelService } from './training-cancel.service';
import { Caller, NeedsScope, Principal } from '@modelstream/auth';

@ApiTags('jobs')
@NeedsScope('train')
@Controller('api/model-train')
export class TrainingControlController {
  constructor(
    private readonly cancels: TrainingCancelService,
    private readonly bulkCancels: BulkCancelService,
  ) {}

  // `cancel` (one path segment) and `:trackingId/cancel` (two) never match the same URL.
  @Post('cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel many jobs: named ones, a sweep, by status or creation time (selectors combine); each through the single cancel',
    description: `At most ${MAX_BULK_CANCEL} jobs a call (oldest first; \`truncated\` says more matched). Selection by sweepId, status or createdBefore reads the job history: jobs still pending or running whose cancel was not requested yet.`,
  })
  @ApiOkResponse({ type: BulkCancelAnswer, description: 'What happened to each selected job' })
  @ApiBadRequestResponse({
    description:
      'No selector (name trackingIds, sweepId, status or createdBefore — bulk cancel never cancels everything), or a bad field (over 1000 trackingIds, a status other than pending/running, a createdBefore that is not ISO 8601)',
    type: ApiErrorBody,
  })
  @ApiConflictResponse({ description: 'A named upload stayed busy with a chunk; send the same request again', type: ApiErrorBody })
  @ApiServiceUnavailableResponse({
    description: 'Kafka, Redis or MariaDB is down; send the same request again (Retry-After)',
    type: ApiErrorBody,
  })
  cancelMany(@Body() body: BulkCancelDto, @Caller() caller: Principal): Promise<BulkCancelAnswer> {
    return this.bulkCancels.cancel(body, caller);
  }

  @Post(':trackingId/cancel')
  @HttpCode(202)
  @ApiOperation({ summary: 'Ask for a job to be cancelled; the trainer stops it and the status turns cancelled' })
  @ApiAcceptedResponse({ type: JobStatusView, description: 'The cancel request is published; the status shows cancelRequestedAt' })
  @ApiBadRequestResponse({ type: ApiErrorBody, description: 'The body is not { "reason"?: a string of at most 500 characters }' })
  @ApiNotFoundResponse({ type: ApiErrorBody, description: 'No job with this trackingId (or it is another owner’s)' })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'The job is already completed, failed or cancelled' })
  @ApiServiceUnavailableResponse({ type: ApiErrorBody, description: 'Kafka or Redis is down; send the same request again (Retry-After)' })
  cancel(@Param('trackingId') trackingId: string, @Body() body: CancelTrainingDto, @Caller() caller: Principal): Promise<JobStatusView> {
    return this.cancels.cancel(trackingId, body?.reason ?? 'cancelled by the user', caller);
  }
}
