import { Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { modelRef } from '@modelstream/contracts';
import { ApiErrorResponses } from '@modelstream/platform';
import { PREDICTION_ERRORS } from '../prediction/predict.views';
import { ModelServingService } from './model-serving.service';
import { EvictAnswer, LoadedModelList, ModelList, PreloadAnswer } from './models.views';
import { Caller, NeedsScope, Principal } from '@modelstream/auth';

const REGISTRY_DOWN = { 503: PREDICTION_ERRORS[503] } as const;

@ApiTags('models')
@NeedsScope('admin')
@Controller('api/models')
export class ModelsController {
  constructor(private readonly models: ModelServingService) {}

  @NeedsScope('read')
  @Get()
  @ApiOperation({ summary: 'Registered models with their versions and aliases, marking the loaded ones' })
  @ApiQuery({ name: 'name', required: false, description: 'Only models whose name contains this' })
  @ApiOkResponse({ type: ModelList })
  @ApiErrorResponses(REGISTRY_DOWN)
  list(@Caller() caller: Principal, @Query('name') name?: string): Promise<ModelList> {
    return this.models.list(typeof name === 'string' && name !== '' ? name : undefined, caller);
  }

  @Get('loaded')
  @ApiOperation({ summary: 'The models in the cache, most recently used first' })
  @ApiOkResponse({ type: LoadedModelList })
  loaded(): LoadedModelList {
    return { models: this.models.loaded() };
  }

  @Post(':name/versions/:version/load')
  @ApiOperation({ summary: 'Pre-load a version (a number or "latest") into the cache' })
  @ApiCreatedResponse({ type: PreloadAnswer })
  @ApiErrorResponses(PREDICTION_ERRORS)
  loadVersion(@Param('name') name: string, @Param('version') version: string): Promise<PreloadAnswer> {
    return this.models.preload(modelRef.versionOrLatest(name, version));
  }

  @Post(':name/aliases/:alias/load')
  @ApiOperation({ summary: 'Pre-load the version an alias points at' })
  @ApiCreatedResponse({ type: PreloadAnswer })
  @ApiErrorResponses(PREDICTION_ERRORS)
  loadAlias(@Param('name') name: string, @Param('alias') alias: string): Promise<PreloadAnswer> {
    return this.models.preload(modelRef.alias(name, alias));
  }

  @Delete(':name/versions/:version/cache')
  @ApiOperation({ summary: 'Evict a loaded version from the cache' })
  @ApiOkResponse({ type: EvictAnswer })
  @ApiErrorResponses({
    400: 'The name or version is malformed',
    404: 'No such registered model or version, or the version is not loaded',
    409: PREDICTION_ERRORS[409],
    ...REGISTRY_DOWN,
  })
  evict(@Param('name') name: string, @Param('version') version: string): Promise<EvictAnswer> {
    return this.models.evict(modelRef.versionOrLatest(name, version));
  }
}
