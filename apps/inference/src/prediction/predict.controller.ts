import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { modelRef, parseModelUri } from '@modelstream/contracts';
import { ApiErrorResponses, JsonSchemaPipe } from '@modelstream/platform';
import { PREDICT_BODY, PREDICT_BY_VERSION_BODY, PredictBody, PredictByVersionBody, PredictByVersionDto, PredictDto } from './predict.dto';
import { PREDICTION_ERRORS, PredictAnswer } from './predict.views';
import { PredictionService, type PredictResult } from './prediction.service';
import { Caller, NeedsScope, Principal, RateLimited } from '@modelstream/auth';
import { ModelAccess, ModelOwnerGuard } from '../models/model-access';

/** The body check of POST /api/predict, shared with its direct route (predict.direct.ts). */
export const PREDICT_BODY_PIPE = new JsonSchemaPipe(PREDICT_BODY);

/** POST /api/predict is answered by fastify directly (predict.direct.ts), through this class's guards and method. */
@ApiTags('predict')
@NeedsScope('predict')
@RateLimited('predictions')
@Controller('api')
@ApiErrorResponses(PREDICTION_ERRORS)
export class PredictController {
  constructor(
    private readonly predictions: PredictionService,
    private readonly access: ModelAccess,
  ) {}

  @Post('predict')
  @HttpCode(200)
  @ApiOperation({ summary: 'Predict with the model a models:/ URI names' })
  @ApiBody({ type: PredictDto })
  @ApiOkResponse({ type: PredictAnswer })
  predict(@Body(PREDICT_BODY_PIPE) body: PredictBody, @Caller() caller: Principal): PredictResult | Promise<PredictResult> {
    const ref = parseModelUri(body.modelId);
    // at once when the owner, the reference and the model are known (a prediction's usual case), else awaited
    const checked = this.access.check(ref.name, caller);
    return checked ? checked.then(() => this.predictions.predict(ref, body.features)) : this.predictions.predict(ref, body.features);
  }

  @UseGuards(ModelOwnerGuard)
  @Post('models/:name/versions/:version/predict')
  @HttpCode(200)
  @ApiOperation({ summary: 'Predict with a version (a number or "latest")' })
  @ApiBody({ type: PredictByVersionDto })
  @ApiOkResponse({ type: PredictAnswer })
  predictByVersion(
    @Param('name') name: string,
    @Param('version') version: string,
    @Body(new JsonSchemaPipe(PREDICT_BY_VERSION_BODY)) body: PredictByVersionBody,
  ): PredictResult | Promise<PredictResult> {
    return this.predictions.predict(modelRef.versionOrLatest(name, version), body.features);
  }

  @UseGuards(ModelOwnerGuard)
  @Post('models/:name/aliases/:alias/predict')
  @HttpCode(200)
  @ApiOperation({ summary: 'Predict with the version an alias points at' })
  @ApiBody({ type: PredictByVersionDto })
  @ApiOkResponse({ type: PredictAnswer })
  predictByAlias(
    @Param('name') name: string,
    @Param('alias') alias: string,
    @Body(new JsonSchemaPipe(PREDICT_BY_VERSION_BODY)) body: PredictByVersionBody,
  ): PredictResult | Promise<PredictResult> {
    return this.predictions.predict(modelRef.alias(name, alias), body.features);
  }
}
