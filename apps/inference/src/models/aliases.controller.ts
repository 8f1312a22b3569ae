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
import { actorOf, AuditTrail, Caller, NeedsScope, Principal } from '@modelstream/auth';
import { ModelAccess, ModelOwnerGuard } from './model-access';

@ApiTags('models')
@NeedsScope('train')
@UseGuards(ModelOwnerGuard)
@Controller('api/models/:name/aliases/:alias')
@ApiServiceUnavailableResponse({ description: 'The MLflow registry is unreachable; retry after Retry-After seconds', type: ApiErrorBody })
export class AliasesController {
  constructor(
    private readonly aliases: ModelAliasesService,
    private readonly access: ModelAccess,
    private readonly audit: AuditTrail,
  ) {}

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
  async set(@Param() params: AliasParams, @Body() body: SetAliasDto, @Caller() caller: Principal): Promise<AliasView> {
    const set = await this.aliases.set(params.name, params.alias, body.version);
    await this.record('alias.set', params, caller, { version: set.version });
    return set;
  }

  @Delete()
  @ApiOperation({ summary: 'Delete an alias (in the MLflow registry); requests by it answer 404 from then on' })
  @ApiOkResponse({ type: AliasDeletedView })
  @ApiBadRequestResponse({ description: 'The alias name is not allowed', type: ApiErrorBody })
  @ApiNotFoundResponse({ description: 'No such registered model, or it has no such alias', type: ApiErrorBody })
  async delete(@Param() params: AliasParams, @Caller() caller: Principal): Promise<AliasDeletedView> {
    const deleted = await this.aliases.delete(params.name, params.alias);
    await this.record('alias.deleted', params, caller);
    return deleted;
  }

  /** Alias moves change what `models:/name@alias` serves: each goes on the audit trail, naming who moved it. */
  private async record(action: 'alias.set' | 'alias.deleted', params: AliasParams, caller: Principal, details?: Record<string, unknown>) {
    const ownerId = (await this.access.ownerOf(params.name)) ?? caller.ownerId;
    await this.audit.record({ action, actor: actorOf(caller), target: `${params.name}@${params.alias}`, ownerId, details });
  }
}
