/** One registered model, or one of its versions, in detail (the Models and Predict pages of the portal). */
import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { modelRef } from '@modelstream/contracts';
import { ApiErrorResponses } from '@modelstream/platform';
import { PREDICTION_ERRORS } from '../prediction/predict.views';
import { ModelCatalogService } from './model-catalog.service';
import { ModelVersionDetail, RegisteredModelDetail } from './model-details.views';
import { NeedsScope } from '@modelstream/auth';
import { ModelOwnerGuard } from './model-access';

const VERSION_ERRORS = {
  400: 'The name, version or alias is malformed',
  404: 'No such registered model, version or alias, or the version has no modelstream artifacts',
  409: PREDICTION_ERRORS[409],
  422: 'The version has artifacts that are not a modelstream model (its signature cannot be read)',
  503: PREDICTION_ERRORS[503],
} as const;

@ApiTags('models')
@NeedsScope('read')
@UseGuards(ModelOwnerGuard)
@Controller('api/models/:name')
@ApiParam({ name: 'name', description: 'Registered model name', example: 'churn' })
export class ModelDetailsController {
  constructor(private readonly catalog: ModelCatalogService) {}

  @Get()
  @ApiOperation({
    summary:
      "One registered model: its versions (newest first), each with its run's metrics and params and this instance's serving figures",
    description: '`GET /api/models/loaded` is the cache listing, so a model named "loaded" is reached through its versions.',
  })
  @ApiOkResponse({ type: RegisteredModelDetail })
  @ApiErrorResponses({ 400: 'The name is malformed', 404: 'No registered model has this name', 503: PREDICTION_ERRORS[503] })
  model(@Param('name') name: string): Promise<RegisteredModelDetail> {
    return this.catalog.model(name);
  }

  @Get('versions/:version')
  @ApiOperation({ summary: 'One version (a number or "latest"): metrics, params, serving figures, MLflow run link and input signature' })
  @ApiParam({ name: 'version', example: '3' })
  @ApiOkResponse({ type: ModelVersionDetail })
  @ApiErrorResponses(VERSION_ERRORS)
  version(@Param('name') name: string, @Param('version') version: string): Promise<ModelVersionDetail> {
    return this.catalog.version(modelRef.versionOrLatest(name, version));
  }

  @Get('aliases/:alias')
  @ApiOperation({ summary: 'The version an alias points at, in detail (as GET /api/models/:name/versions/:version)' })
  @ApiParam({ name: 'alias', example: 'champion' })
  @ApiOkResponse({ type: ModelVersionDetail })
  @ApiErrorResponses(VERSION_ERRORS)
  alias(@Param('name') name: string, @Param('alias') alias: string): Promise<ModelVersionDetail> {
    return this.catalog.version(modelRef.alias(name, alias));
  }
}
