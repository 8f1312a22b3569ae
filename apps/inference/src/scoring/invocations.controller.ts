/** MLflow's scoring protocol, so an MLflow client (or `mlflow models predict`-style callers) works unchanged. */
import { Body, Controller, Get, Header, Headers, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { modelRef } from '@modelstream/contracts';
import { ApiErrorResponses } from '@modelstream/platform';
import { PREDICTION_ERRORS, ScoringAnswer } from '../prediction/predict.views';
import { PredictionService } from '../prediction/prediction.service';
import { NeedsScope, Public, RateLimited } from '@modelstream/auth';
import { ModelOwnerGuard } from '../models/model-access';

const payloadDoc = {
  description: 'One of dataframe_split, dataframe_records, instances, inputs (JSON), or a CSV with a header row',
  schema: { type: 'object', example: { dataframe_split: { columns: ['age', 'color'], data: [[42, 'red']] } } },
};

/** `GET /ping`, open to anyone (its own controller: the scoring routes' bearer security is declared per class). */
@ApiTags('mlflow scoring protocol')
@Public()
@Controller()
export class PingController {
  @Get('ping')
  @Header('content-type', 'application/json')
  @ApiOperation({ summary: 'Liveness, as `mlflow models serve` answers it' })
  @ApiOkResponse({ description: 'A newline (the body `mlflow models serve` answers)', schema: { type: 'string', example: '\n' } })
  ping(): string {
    return '\n';
  }
}

@ApiTags('mlflow scoring protocol')
@NeedsScope('predict')
@RateLimited('predictions')
@Controller()
export class InvocationsController {
  constructor(private readonly predictions: PredictionService) {}

  @UseGuards(ModelOwnerGuard)
  @Post('api/models/:name/versions/:version/invocations')
  @HttpCode(200)
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody(payloadDoc)
  @ApiOperation({ summary: 'Score with a version (a number or "latest"); answers {"predictions": [...]}' })
  @ApiOkResponse({ type: ScoringAnswer })
  @ApiErrorResponses(PREDICTION_ERRORS)
  byVersion(
    @Param('name') name: string,
    @Param('version') version: string,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
  ): ScoringAnswer | Promise<ScoringAnswer> {
    return this.predictions.invocations(modelRef.versionOrLatest(name, version), contentType, body);
  }

  @UseGuards(ModelOwnerGuard)
  @Post('api/models/:name/aliases/:alias/invocations')
  @HttpCode(200)
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody(payloadDoc)
  @ApiOperation({ summary: 'Score with the version an alias points at' })
  @ApiOkResponse({ type: ScoringAnswer })
  @ApiErrorResponses(PREDICTION_ERRORS)
  byAlias(
    @Param('name') name: string,
    @Param('alias') alias: string,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
  ): ScoringAnswer | Promise<ScoringAnswer> {
    return this.predictions.invocations(modelRef.alias(name, alias), contentType, body);
  }
}
