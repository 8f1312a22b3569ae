/**
 * The status bench's framework ceiling: the same work as floor-server.ts (one HGET of the job's `view`, that JSON
 * back) as a bare NestJS app (bench/support/bare-nest.ts) on FLOOR_PLATFORM
 * (express, the portal's platform, or fastify, the APIs').
 *
 *   FLOOR_PORT=3162 FLOOR_PLATFORM=fastify npx tsx bench/status/nest-floor-server.ts
 */
import { Controller, Get, Header, Module, NotFoundException, Param } from '@nestjs/common';
import Redis from 'ioredis';
import { loadConfig } from '@modelstream/config';
import { RedisKeys } from '@modelstream/storage';
import { listenBareNest } from '../support/bare-nest';

const config = loadConfig();
const keys = new RedisKeys(config.REDIS_KEY_PREFIX);
const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1 });

@Controller()
class StatusController {
  @Get('ping')
  ping(): string {
    return 'ok';
  }

  @Get('api/model-train/status/:trackingId')
  @Header('content-type', 'application/json; charset=utf-8')
  async get(@Param('trackingId') trackingId: string): Promise<string> {
    const view = await redis.hget(keys.job(trackingId), 'view');
    if (view === null) throw new NotFoundException();
    return view;
  }
}

@Module({ controllers: [StatusController] })
class FloorModule {}

void listenBareNest(FloorModule);
