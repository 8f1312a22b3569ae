import { Body, Controller, Delete, Param, Put, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrorBody } from '@modelstream/platform';
import { AliasDeletedView, AliasParams, AliasView, SetAliasDto } from './aliases.dto';
import { ModelAliasesService } from './model-aliases.service';
import { NeedsScope } from '@modelstream/auth';
import { ModelOwnerGuard } from './model-access';

@ApiTags('models')
@NeedsScope('train')
@UseGuards(ModelOwnerGuard)
@Controller('api/models/:name/aliases/:alias')
@ApiServiceUnavailableResponse({ description: 'The MLflow registry is unreachable; retry after Retry-After seconds', type: ApiErrorBody })
export class AliasesController {
  constructor(private readonly aliases: ModelAliasesService) {}

  @Put()
  @ApiOperation({
    summary: 'Set or move an alias to a version (in the MLflow registry); this app serves the new mapping at once',
  })
  @ApiOkResponse({ type: AliasView })
  @ApiBadRequestResponse({
    description: 'The alias name is not allowed (characters, "latest", version-like) or version is not a number',
    type: ApiErrorBody,
  })
  @ApiNotFoundResponse({ description: 'No such registered model, or it has no such version', type: ApiErrorBody })
  @ApiConflictResponse({ description: 'The version failed to register and can never be served', type: ApiErrorBody })
  set(@Param() params: AliasParams, @Body() body: SetAliasDto): Promise<AliasView> {
    return this.aliases.set(params.name, params.alias, body.version);
  }

  @Delete()
  @ApiOperation({ summary: 'Delete an alias (in the MLflow registry); requests by it answer 404 from then on' })
  @ApiOkResponse({ type: AliasDeletedView })
  @ApiBadRequestResponse({ description: 'The alias name is not allowed', type: ApiErrorBody })
  @ApiNotFoundResponse({ description: 'No such registered model, or it has no such alias', type: ApiErrorBody })
  delete(@Param() params: AliasParams): Promise<AliasDeletedView> {
    return this.aliases.delete(params.name, params.alias);
  }
}
