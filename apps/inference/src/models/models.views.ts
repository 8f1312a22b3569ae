/** The answers of the model API (registry listing, cache), as documented in the OpenAPI document. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Whether a version is in this instance's cache; the cache fields only when it is. */
export class LoadedModelInfo {
  @ApiProperty({ description: 'In the cache of this instance now' }) loaded!: boolean;
  @ApiPropertyOptional({ description: 'Weight bytes it holds' }) bytes?: number;
  @ApiPropertyOptional({ format: 'date-time' }) loadedAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) lastUsedAt?: string;
  @ApiPropertyOptional({ description: 'How long the load took (ms)' }) loadMs?: number;
  @ApiPropertyOptional({ description: 'Requests served from the cache since the load' }) hits?: number;
  @ApiProperty({ description: 'Loads since this instance started' }) loadCount!: number;
}

export class ModelVersionInfo extends LoadedModelInfo {
  @ApiProperty({ example: '3' }) version!: string;
  @ApiProperty({ example: 'models:/churn/3' }) modelId!: string;
  @ApiProperty({ enum: ['READY', 'PENDING_REGISTRATION', 'FAILED_REGISTRATION'] }) status!: string;
  @ApiPropertyOptional({ description: 'The MLflow run that produced it' }) runId?: string;
  @ApiProperty({ type: [String], example: ['champion'], description: 'Aliases pointing at this version' }) aliases!: string[];
  @ApiPropertyOptional({ format: 'date-time' }) createdAt?: string;
}

export class RegisteredModelInfo {
  @ApiProperty({ example: 'churn' }) name!: string;
  @ApiPropertyOptional() description?: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { champion: '3' }, description: 'alias → version' })
  aliases!: Record<string, string>;
  @ApiPropertyOptional({ example: '3', description: 'The highest READY version' }) latestVersion?: string;
  @ApiProperty({ type: [ModelVersionInfo], description: 'Newest first' }) versions!: ModelVersionInfo[];
}

export class ModelCacheInfo {
  @ApiProperty({ description: 'Models in the cache' }) models!: number;
  @ApiProperty({ description: 'Weight bytes in the cache' }) bytes!: number;
  @ApiProperty({ description: 'INFERENCE_CACHE_MAX_MODELS' }) maxModels!: number;
  @ApiProperty({ description: 'INFERENCE_CACHE_MAX_BYTES' }) maxBytes!: number;
}

export class ModelList {
  @ApiProperty({ type: [RegisteredModelInfo], description: 'By name' }) models!: RegisteredModelInfo[];
  @ApiProperty({ type: ModelCacheInfo }) cache!: ModelCacheInfo;
}

export class CachedModelInfo extends LoadedModelInfo {
  @ApiProperty({ example: 'models:/churn/3' }) modelId!: string;
}

export class LoadedModelList {
  @ApiProperty({ type: [CachedModelInfo], description: 'Most recently used first' }) models!: CachedModelInfo[];
}

export class PreloadAnswer extends ModelVersionInfo {
  @ApiProperty({ example: 'churn' }) name!: string;
  @ApiProperty({ description: 'Was in the cache already (nothing was loaded)' }) alreadyLoaded!: boolean;
}

export class EvictAnswer {
  @ApiProperty({ example: 'models:/churn/3' }) modelId!: string;
  @ApiProperty({ enum: [true] }) evicted!: true;
}
