import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorBody } from '@modelstream/platform';
import { CreateSweepDto, SweepView } from './sweeps.dto';
import { SweepsService } from './sweeps.service';
import { Caller, NeedsScope, Principal, RateLimited } from '@modelstream/auth';

@ApiTags('sweeps')
@NeedsScope('read')
@Controller('api')
export class SweepsController {
  constructor(private readonly sweeps: SweepsService) {}

  @NeedsScope('train')
  @RateLimited('uploads')
  @Post('datasets/:datasetId/sweeps')
  @HttpCode(202)
  @ApiOperation({ summary: 'Fan a dataset out into one training per combination of model families and grid values' })
  @ApiAcceptedResponse({ type: SweepView, description: 'Every training is requested; GET /api/sweeps/:sweepId follows them' })
  @ApiBadRequestResponse({
    type: ApiErrorBody,
    description: 'Unknown family or metric, a metric of another problem type, a bad grid value, too many combinations',
  })
  @ApiNotFoundResponse({ type: ApiErrorBody, description: 'No such dataset' })
  create(@Param('datasetId') datasetId: string, @Body() body: CreateSweepDto, @Caller() caller: Principal): Promise<SweepView> {
    return this.sweeps.create(datasetId, body, caller);
  }

  @Get('sweeps/:sweepId')
  @ApiOperation({ summary: "A sweep's live leaderboard, best first by its metric" })
  @ApiOkResponse({ type: SweepView })
  @ApiNotFoundResponse({ type: ApiErrorBody, description: 'No such sweep' })
  get(@Param('sweepId') sweepId: string, @Caller() caller: Principal): Promise<SweepView> {
    return this.sweeps.get(sweepId, caller);
  }
}
