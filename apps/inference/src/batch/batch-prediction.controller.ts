import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { parseModelUri } from '@modelstream/contracts';
import { BatchPredictionService, MAX_BATCH_CSV_BYTES } from './batch-prediction.service';

export class BatchPredictionDto {
  @ApiProperty({ example: 'models:/churn/3' })
  @IsString()
  modelId!: string;

  @ApiPropertyOptional({ description: 'Key of a CSV in the uploads bucket (instead of a file)' })
  @IsOptional()
  @IsString()
  objectKey?: string;
}

@ApiTags('predict')
@Controller('api/predict/batch')
export class BatchPredictionController {
  constructor(private readonly batches: BatchPredictionService) {}

  @Post()
  @HttpCode(202)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_BATCH_CSV_BYTES, files: 1 } }))
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['modelId'],
      properties: { modelId: { type: 'string' }, file: { type: 'string', format: 'binary' }, objectKey: { type: 'string' } },
    },
  })
  @ApiOperation({ summary: 'Start a batch prediction over a CSV; poll GET /api/predict/batch/:jobId for the download URL' })
  start(@Body() body: BatchPredictionDto, @UploadedFile() file: { buffer: Buffer; originalname: string } | undefined) {
    return this.batches.start({ ref: parseModelUri(body.modelId), upload: file, objectKey: body.objectKey });
  }

  @Get(':jobId')
  @ApiOperation({ summary: 'A batch prediction job; when completed, a presigned URL of the results CSV' })
  status(@Param('jobId', new ParseUUIDPipe()) jobId: string) {
    return this.batches.status(jobId);
  }
}
