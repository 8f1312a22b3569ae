/**
 * The status bench's framework ceiling: the same work as floor-server.ts (one HGET of the job's `view`, that JSON
 * back) as a bare NestJS app on @nestjs/platform-express — one controller, no middleware, guards, pipes,
 * interceptors or logging. What the app could reach at best on this framework, whatever it stops doing per request.
 *
 *   FLOOR_PORT=3162 npx tsx bench/status/nest-floor-server.ts
 */
import 'reflect-metadata';
import { Controller, Get, Module, NotFoundException, Param, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Response } from 'express';
import Redis from 'ioredis';
import { loadConfig } from '@modelstream/config';
import { RedisKeys } from '@modelstream/storage';

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
  async get(@Param('trackingId') trackingId: string, @Res() res: Response): Promise<void> {
    const view = await redis.hget(keys.job(trackingId), 'view');
    if (view === null) throw new NotFoundException();
    res.type('application/json').send(view);
  }
}

@Module({ controllers: [StatusController] })
class FloorModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(FloorModule, { logger: false });
  app.enableShutdownHooks(['SIGTERM']);
  await app.listen(Number(process.env.FLOOR_PORT ?? 3162), '127.0.0.1');
}

void main();
