import { Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { modelRef } from '@modelstream/contracts';
import { ModelServingService } from './model-serving.service';

@ApiTags('models')
@Controller('api/models')
export class ModelsController {
  constructor(private readonly models: ModelServingService) {}

  @Get()
  @ApiOperation({ summary: 'Registered models with their versions and aliases, marking the loaded ones' })
  @ApiQuery({ name: 'name', required: false, description: 'Only models whose name contains this' })
  list(@Query('name') name?: string) {
    return this.models.list(typeof name === 'string' && name !== '' ? name : undefined);
  }

  @Get('loaded')
  @ApiOperation({ summary: 'The models in the cache, most recently used first' })
  loaded() {
    return { models: this.models.loaded() };
  }

  @Post(':name/versions/:version/load')
  @ApiOperation({ summary: 'Pre-load a version (a number or "latest") into the cache' })
  loadVersion(@Param('name') name: string, @Param('version') version: string) {
    return this.models.preload(modelRef.versionOrLatest(name, version));
  }

  @Post(':name/aliases/:alias/load')
  @ApiOperation({ summary: 'Pre-load the version an alias points at' })
  loadAlias(@Param('name') name: string, @Param('alias') alias: string) {
    return this.models.preload(modelRef.alias(name, alias));
  }

  @Delete(':name/versions/:version/cache')
  @ApiOperation({ summary: 'Evict a loaded version from the cache' })
  evict(@Param('name') name: string, @Param('version') version: string) {
    return this.models.evict(modelRef.versionOrLatest(name, version));
  }
}
