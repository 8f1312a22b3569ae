import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-fastify/multipart';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { parseModelUri } from '@modelstream/contracts';
import { ApiErrorResponses } from '@modelstream/platform';
import { PREDICTION_ERRORS } from '../prediction/predict.views';
import { BatchJobAnswer } from './batch.views';
import { BatchPredictionService, MAX_BATCH_CSV_BYTES } from './batch-prediction.service';
import { Caller, NeedsScope, Principal, RateLimited } from '@modelstream/auth';
import { ModelAccess } from '../models/model-access';

export class BatchPredictionDto {
  @ApiProperty({ example: 'models:/churn/3' })
  @IsString()
  modelId!: string;

  @ApiPropertyOptional({ description: 'One of your datasets (GET /api/datasets), instead of a file' })
  @IsOptional()
  @IsString()
  @Matches(/^ds-[0-9a-f]{24}$/, { message: 'datasetId must be a dataset id like ds-0123456789abcdef01234567 (GET /api/datasets)' })
  datasetId?: string;
}

@ApiTags('predict')
@NeedsScope('predict')
@Controller('api/predict/batch')
export class BatchPredictionController {
  constructor(
    private readonly batches: BatchPredictionService,
    private readonly access: ModelAccess,
  ) {}

  @RateLimited('predictions')
  @Post()
  @HttpCode(202)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_BATCH_CSV_BYTES, files: 1 } }))
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['modelId'],
      properties: { modelId: { type: 'string' }, file: { type: 'string', format: 'binary' }, datasetId: { type: 'string' } },
    },
  })
  @ApiOperation({ summary: 'Start a batch prediction over a CSV; poll GET /api/predict/batch/:jobId for the download URL' })
  @ApiAcceptedResponse({
    type: BatchJobAnswer,
    description: 'The job, accepted (pending): the model is resolved and loaded, the CSV header checked',
  })
  @ApiErrorResponses({
    ...PREDICTION_ERRORS,
    400: 'No CSV (or both a file and a datasetId), a CSV that cannot be parsed or lacks columns the model takes, a malformed modelId or datasetId',
    404: 'No such registered model, version or alias (or it is another owner’s), or no such dataset of yours',
    413: `The uploaded file is over ${MAX_BATCH_CSV_BYTES} bytes`,
  })
  async start(
    @Body() body: BatchPredictionDto,
    @UploadedFile() file: { buffer: Buffer; originalname: string } | undefined,
    @Caller() caller: Principal,
  ): Promise<BatchJobAnswer> {
    const ref = parseModelUri(body.modelId);
    await this.access.check(ref.name, caller);
    return this.batches.start({ ref, upload: file, datasetId: body.datasetId, caller });
  }

  @Get(':jobId')
  @ApiOperation({ summary: 'A batch prediction job; when completed, resultsPath (streams the results CSV) and a presigned URL of it' })
  @ApiOkResponse({ type: BatchJobAnswer })
  @ApiErrorResponses({
    400: 'jobId is not a UUID',
    404: 'No batch prediction job with this id',
    503: 'The object store is unreachable; retry after Retry-After seconds',
  })
  status(@Param('jobId', new ParseUUIDPipe()) jobId: string, @Caller() caller: Principal): Promise<BatchJobAnswer> {
    return this.batches.status(jobId, caller);
  }

  @Get(':jobId/results')
  @ApiOperation({
    summary: "A completed job's results CSV, streamed from the object store (the input columns, prediction, probability_<class>)",
  })
  @ApiOkResponse({
    description: 'The results CSV, as an attachment (predictions-<jobId>.csv)',
    content: { 'text/csv': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrorResponses({
    400: 'jobId is not a UUID',
    404: 'No batch prediction job with this id, or its results are gone from the object store',
    409: 'The job is not completed: pending or running (poll GET /api/predict/batch/:jobId until "completed"), or failed',
    503: 'The object store is unreachable; retry after Retry-After seconds',
  })
  async results(@Param('jobId', new ParseUUIDPipe()) jobId: string, @Caller() caller: Principal): Promise<StreamableFile> {
    const { filename, body } = await this.batches.results(jobId, caller);
    return new StreamableFile(body, { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="${filename}"` });
  }
}
