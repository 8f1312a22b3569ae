/** The answer of the batch prediction API, as documented in the OpenAPI document. */
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

export class ObjectLocation {
  @ApiProperty() bucket!: string;
  @ApiProperty() key!: string;
}

export class UploadedFileSource {
  @ApiProperty({ description: 'The name of the uploaded file' }) upload!: string;
}

export class DatasetFileSource {
  @ApiProperty({ description: 'The dataset the CSV is', example: 'ds-0123456789abcdef01234567' }) datasetId!: string;
}

@ApiExtraModels(ObjectLocation, UploadedFileSource, DatasetFileSource)
export class BatchJobAnswer {
  @ApiProperty({ format: 'uuid' }) jobId!: string;
  @ApiProperty({ enum: ['pending', 'running', 'completed', 'failed'] }) status!: 'pending' | 'running' | 'completed' | 'failed';
  @ApiProperty({ example: 'models:/churn@champion', description: 'The model the request named' }) requested!: string;
  @ApiPropertyOptional({ example: 'models:/churn/3', description: 'The concrete version the job uses' }) modelId?: string;
  @ApiProperty({
    oneOf: [
      { $ref: getSchemaPath(DatasetFileSource) },
      { $ref: getSchemaPath(UploadedFileSource) },
      { $ref: getSchemaPath(ObjectLocation) },
    ],
    description: 'Where the CSV came from: one of your datasets, an uploaded file (or, for jobs from before datasets, an object)',
  })
  source!: DatasetFileSource | UploadedFileSource | ObjectLocation;
  @ApiPropertyOptional({ description: 'Data rows of the CSV' }) rows?: number;
  @ApiProperty({ description: 'Rows predicted so far' }) processedRows!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) finishedAt?: string;
  @ApiPropertyOptional({ type: ObjectLocation, description: 'When completed: the results CSV' }) result?: ObjectLocation;
  @ApiPropertyOptional({ description: 'When failed: why' }) error?: string;
  @ApiPropertyOptional({ description: 'When completed: a presigned URL of the results CSV' }) downloadUrl?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'When the download URL stops working' }) downloadUrlExpiresAt?: string;
  @ApiPropertyOptional({
    example: '/api/predict/batch/0b6f0f5e-2d0a-4c8e-9a55-6d1f3e9a7c21/results',
    description: 'When completed: the path (on this app, or the portal) that streams the results CSV; works wherever the app is reachable',
  })
  resultsPath?: string;
}
