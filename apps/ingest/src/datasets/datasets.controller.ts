import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrorBody } from '@modelstream/platform';
import { JobStatusView } from '../projections/status/job-status.view';
import { DatasetDeletedView, DatasetDetailView, DatasetList, ListDatasetsQuery, TrainDatasetDto, TrainRowsDto } from './datasets.dto';
import { DatasetTrainingService } from './dataset-training.service';
import { DatasetsService } from './datasets.service';
import { Caller, NeedsScope, Principal, RateLimited } from '@modelstream/auth';

@ApiTags('datasets')
@NeedsScope('read')
@Controller('api')
export class DatasetsController {
  constructor(
    private readonly datasets: DatasetsService,
    private readonly trainings: DatasetTrainingService,
  ) {}

  @Get('datasets')
  @ApiOperation({ summary: 'Datasets, newest first (paged like the job lists)' })
  @ApiOkResponse({ type: DatasetList })
  @ApiBadRequestResponse({ type: ApiErrorBody, description: 'Bad paging values' })
  list(@Query() query: ListDatasetsQuery, @Caller() caller: Principal): Promise<DatasetList> {
    return this.datasets.list(query, caller);
  }

  @Get('datasets/:datasetId')
  @ApiOperation({ summary: 'A dataset: its column profile and first rows' })
  @ApiOkResponse({ type: DatasetDetailView })
  @ApiNotFoundResponse({ type: ApiErrorBody, description: 'No such dataset (or it was deleted)' })
  get(@Param('datasetId') datasetId: string, @Caller() caller: Principal): Promise<DatasetDetailView> {
    return this.datasets.get(datasetId, caller);
  }

  @NeedsScope('train')
  @Delete('datasets/:datasetId')
  @ApiOperation({ summary: 'Delete a dataset; its stored bytes go when no other record uses them' })
  @ApiOkResponse({ type: DatasetDeletedView })
  @ApiNotFoundResponse({ type: ApiErrorBody, description: 'No such dataset' })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'A pending or running job uses the dataset' })
  delete(@Param('datasetId') datasetId: string, @Caller() caller: Principal): Promise<DatasetDeletedView> {
    return this.datasets.delete(datasetId, caller);
  }

  @NeedsScope('train')
  @RateLimited('uploads')
  @Post('datasets/:datasetId/train')
  @HttpCode(202)
  @ApiOperation({ summary: 'Train a stored dataset again (a new job; no re-upload)' })
  @ApiAcceptedResponse({ type: JobStatusView, description: "The training is requested; follow it by the answer's trackingId" })
  @ApiBadRequestResponse({ type: ApiErrorBody, description: 'Unknown target or model type, bad hyperparameters or model name' })
  @ApiNotFoundResponse({ type: ApiErrorBody, description: 'No such dataset' })
  train(@Param('datasetId') datasetId: string, @Body() body: TrainDatasetDto, @Caller() caller: Principal): Promise<JobStatusView> {
    return this.trainings.train(datasetId, body, caller);
  }

  @NeedsScope('train')
  @RateLimited('uploads')
  @Post('train')
  @HttpCode(202)
  @ApiOperation({ summary: 'Train on JSON rows (seed 002): the rows are stored as a dataset, then trained' })
  @ApiAcceptedResponse({ type: JobStatusView, description: "The training is requested; the answer's datasetId names the stored rows" })
  @ApiBadRequestResponse({ type: ApiErrorBody, description: 'No rows, a row that is not an object, a nested value, bad settings' })
  @ApiPayloadTooLargeResponse({ type: ApiErrorBody, description: 'The rows make a CSV over 25 MB' })
  trainRows(@Body() body: TrainRowsDto, @Caller() caller: Principal): Promise<JobStatusView> {
    return this.trainings.trainRows(body, caller);
  }
}
