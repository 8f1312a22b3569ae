/** MLflow's scoring protocol, so an MLflow client (or `mlflow models predict`-style callers) works unchanged. */
import { Body, Controller, Get, Header, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { modelRef } from '@modelstream/contracts';
import { PredictionService } from '../prediction/prediction.service';

const payloadDoc = {
  description: 'One of dataframe_split, dataframe_records, instances, inputs (JSON), or a CSV with a header row',
  schema: { type: 'object', example: { dataframe_split: { columns: ['age', 'color'], data: [[42, 'red']] } } },
};

@ApiTags('mlflow scoring protocol')
@Controller()
export class InvocationsController {
  constructor(private readonly predictions: PredictionService) {}

  @Get('ping')
  @Header('content-type', 'application/json')
  @ApiOperation({ summary: 'Liveness, as `mlflow models serve` answers it' })
  ping(): string {
    return '\n';
  }

  @Post('api/models/:name/versions/:version/invocations')
  @HttpCode(200)
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody(payloadDoc)
  @ApiOperation({ summary: 'Score with a version (a number or "latest"); answers {"predictions": [...]}' })
  byVersion(
    @Param('name') name: string,
    @Param('version') version: string,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
  ): Promise<{ predictions: (string | number)[] }> {
    return this.predictions.invocations(modelRef.versionOrLatest(name, version), contentType, body);
  }

  @Post('api/models/:name/aliases/:alias/invocations')
  @HttpCode(200)
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody(payloadDoc)
  @ApiOperation({ summary: 'Score with the version an alias points at' })
  byAlias(
    @Param('name') name: string,
    @Param('alias') alias: string,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
  ): Promise<{ predictions: (string | number)[] }> {
    return this.predictions.invocations(modelRef.alias(name, alias), contentType, body);
  }
}
