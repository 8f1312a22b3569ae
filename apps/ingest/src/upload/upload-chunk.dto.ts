import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { JOB_STATUSES, JobStatus } from '@modelstream/contracts';
import { MAX_TOTAL_CHUNKS } from './upload-session';

const blankToUndefined = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
/**
 * A form field of decimal digits as a number; anything else ("", "0x0", "1e0", " 1") stays as sent, so IsInt
 * refuses it (Number() would read "" as 0 and "0x0" as 0).
 */
const decimalInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value);

/** The text fields of one chunk (multipart/form-data); the bytes come in the `file` part. */
export class UploadChunkDto {
  @ApiProperty({ type: 'string', format: 'binary', description: "The chunk's bytes" })
  @IsOptional()
  file?: unknown;

  @ApiProperty({ description: 'Name of the CSV file being uploaded (same on every chunk)', example: 'iris.csv' })
  @IsString({ message: 'filename is required: the name of the CSV file, e.g. data.csv' })
  @IsNotEmpty({ message: 'filename is required: the name of the CSV file, e.g. data.csv' })
  @MaxLength(255)
  filename!: string;

  @ApiProperty({ description: '0-based index of this chunk', minimum: 0 })
  @Transform(decimalInt)
  @IsInt({ message: 'chunkIndex must be a whole number from 0 to totalChunks - 1' })
  @Min(0, { message: 'chunkIndex must be a whole number from 0 to totalChunks - 1' })
  chunkIndex!: number;

  @ApiProperty({ description: 'Number of chunks of the whole file', minimum: 1, maximum: MAX_TOTAL_CHUNKS })
  @Transform(decimalInt)
  @IsInt({ message: 'totalChunks must be a whole number of at least 1' })
  @Min(1, { message: 'totalChunks must be a whole number of at least 1' })
  @Max(MAX_TOTAL_CHUNKS, { message: `totalChunks must be at most ${MAX_TOTAL_CHUNKS}` })
  totalChunks!: number;

  @ApiPropertyOptional({ description: 'Required on every chunk after the first: the trackingId the first answer returned' })
  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  @MaxLength(100)
  trackingId?: string;

  @ApiPropertyOptional({ description: 'First chunk only: the label column (default: the last column)' })
  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  @MaxLength(255)
  target?: string;

  @ApiPropertyOptional({
    description:
      'First chunk only: a key of GET /api/model-specs. Default: linear_regression when every target value in the first rows is a number and some is fractional or there are more than 20 distinct ones, else logistic_regression',
    example: 'logistic_regression',
  })
  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  @MaxLength(100)
  modelType?: string;

  @ApiPropertyOptional({ description: 'First chunk only: hyperparameters as a JSON object string', example: '{"epochs": 20}' })
  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  params?: string;

  @ApiPropertyOptional({ description: 'First chunk only: the registered model name (default: derived from the filename)' })
  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  @MaxLength(100)
  modelName?: string;

  @ApiPropertyOptional({
    description: 'First chunk only: "false" stores the file as a dataset and starts no job (default "true")',
    enum: ['true', 'false'],
  })
  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  @MaxLength(5)
  train?: string;
}

export class UploadChunkAnswer {
  @ApiProperty({ description: 'The job id: send it on every later chunk and use it to follow the job' }) trackingId!: string;
  @ApiProperty() chunkIndex!: number;
  @ApiProperty({ description: 'Chunks accepted so far' }) receivedChunks!: number;
  @ApiProperty() totalChunks!: number;
  @ApiProperty({ enum: JOB_STATUSES }) status!: JobStatus;
  @ApiPropertyOptional({ description: 'On the last chunk: the dataset the file is stored as' }) datasetId?: string;
}
