import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { JobsPage, ListJobsQuery } from '../projections/list-jobs.query';
import { AsSent } from '@modelstream/platform';

export class ListDatasetsQuery extends PickType(ListJobsQuery, ['limit', 'offset', 'page', 'pageSize'] as const) {}

export class ColumnProfileView {
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['numeric', 'categorical', 'empty'] }) type!: 'numeric' | 'categorical' | 'empty';
  @ApiProperty({ description: 'Cells that are empty, NA, N/A, null, none or ?' }) missing!: number;
  @ApiProperty({ description: 'Distinct present values (counted up to 10,000)' }) distinct!: number;
  @ApiPropertyOptional({ description: 'True when there are more distinct values than counted' }) distinctCapped?: boolean;
}

export class DatasetView {
  @ApiProperty({ description: 'Stable per (owner, sha256): the same bytes uploaded again are the same dataset' }) datasetId!: string;
  @ApiProperty() filename!: string;
  @ApiProperty({ description: 'sha256 of the whole file' }) sha256!: string;
  @ApiProperty({ description: 'Bytes of the CSV' }) size!: number;
  @ApiProperty({ description: 'Bytes the dataset holds in the object store' }) storageBytes!: number;
  @ApiProperty({ description: 'Data rows (the header not counted)' }) rows!: number;
  @ApiProperty({ type: [ColumnProfileView] }) columns!: ColumnProfileView[];
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The upload or job that created it' }) trackingId!: string | null;
  @ApiProperty() bucket!: string;
  @ApiProperty({ type: [String], description: 'The stored chunk objects, in order' }) objectKeys!: string[];
}

export class DatasetPreviewView {
  @ApiProperty({ type: [String] }) columns!: string[];
  @ApiProperty({
    type: 'array',
    items: { type: 'array', items: { type: 'string', nullable: true } },
    description: 'The first rows; missing cells are null',
  })
  rows!: (string | null)[][];
}

export class DatasetDetailView extends DatasetView {
  @ApiProperty({ type: DatasetPreviewView }) preview!: DatasetPreviewView;
}

export class DatasetList extends JobsPage {
  @ApiProperty({ type: [DatasetView], description: 'Newest first' }) items!: DatasetView[];
}

export class DatasetDeletedView {
  @ApiProperty() datasetId!: string;
  @ApiProperty({ enum: [true] }) deleted!: true;
  @ApiProperty({ description: 'Bytes removed from the object store (0 when another record still uses them)' }) freedBytes!: number;
}

/** Training settings, as on chunk 0 of an upload but as JSON. */
export class TrainDatasetDto {
  @ApiPropertyOptional({ description: 'Label column (default: the last column)' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  target?: string;

  @ApiPropertyOptional({ description: 'A key of GET /api/model-specs (default: chosen from the target)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  modelType?: string;

  @ApiPropertyOptional({ type: Object, description: 'Hyperparameters, e.g. {"epochs": 20}' })
  @IsOptional()
  @IsObject()
  @AsSent()
  params?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Registered model name (default: from the filename)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  modelName?: string;
}

/** POST /api/train (seed 002): rows as JSON objects, stored as a dataset, then trained. */
export class TrainRowsDto extends TrainDatasetDto {
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'The rows: column → value' })
  @IsArray()
  @ArrayMinSize(1, { message: 'rows must hold at least one row' })
  @ArrayMaxSize(1_000_000)
  @IsObject({ each: true, message: 'each row must be a JSON object of column → value' })
  @AsSent()
  rows!: Record<string, unknown>[];

  @ApiPropertyOptional({ description: 'Name shown for the dataset (default rows.csv)' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  filename?: string;
}
