import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { modelRef, parseModelUri } from '@modelstream/contracts';
import { PredictByVersionDto, PredictDto } from './predict.dto';
import { PredictionService, type PredictResult } from './prediction.service';

@ApiTags('predict')
@Controller('api')
export class PredictController {
  constructor(private readonly predictions: PredictionService) {}

  @Post('predict')
  @HttpCode(200)
  @ApiOperation({ summary: 'Predict with the model a models:/ URI names' })
  predict(@Body() body: PredictDto): Promise<PredictResult> {
    return this.predictions.predict(parseModelUri(body.modelId), body.features);
  }

  @Post('models/:name/versions/:version/predict')
  @HttpCode(200)
  @ApiOperation({ summary: 'Predict with a version (a number or "latest")' })
  predictByVersion(
    @Param('name') name: string,
    @Param('version') version: string,
    @Body() body: PredictByVersionDto,
  ): Promise<PredictResult> {
    return this.predictions.predict(modelRef.versionOrLatest(name, version), body.features);
  }

  @Post('models/:name/aliases/:alias/predict')
  @HttpCode(200)
  @ApiOperation({ summary: 'Predict with the version an alias points at' })
  predictByAlias(@Param('name') name: string, @Param('alias') alias: string, @Body() body: PredictByVersionDto): Promise<PredictResult> {
    return this.predictions.predict(modelRef.alias(name, alias), body.features);
  }
}
