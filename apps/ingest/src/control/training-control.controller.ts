import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JobStatusView } from '../projections/status/job-status.view';
import { CancelTrainingDto } from './cancel-training.dto';
import { TrainingCancelService } from './training-cancel.service';

@ApiTags('jobs')
@Controller('api/model-train')
export class TrainingControlController {
  constructor(private readonly cancels: TrainingCancelService) {}

  @Post(':trackingId/cancel')
  @HttpCode(202)
  @ApiOperation({ summary: 'Ask for a job to be cancelled; the trainer stops it and the status turns cancelled' })
  @ApiAcceptedResponse({ type: JobStatusView, description: 'The cancel request is published; the status shows cancelRequestedAt' })
  @ApiNotFoundResponse({ description: 'No job with this trackingId' })
  @ApiConflictResponse({ description: 'The job is already completed, failed or cancelled' })
  cancel(@Param('trackingId') trackingId: string, @Body() body: CancelTrainingDto): Promise<JobStatusView> {
    return this.cancels.cancel(trackingId, body?.reason ?? 'cancelled by the user');
  }
}
