/**
 * The inference bench's framework ceiling: the same work as floor-server.ts (the JSON body's rows through the
 * model of floor-model.ts, the answer as JSON) as a bare NestJS app (bench/support/bare-nest.ts) on FLOOR_PLATFORM
 * (express, the portal's platform, or fastify, the APIs').
 *
 *   FLOOR_PORT=3165 FLOOR_PLATFORM=fastify FLOOR_MODEL_NAME=<name> FLOOR_MODEL_VERSION=<n> npx tsx bench/inference/nest-floor-server.ts
 */
import { Body, Controller, Get, HttpCode, Inject, Module, Post } from '@nestjs/common';
import type { InputRow } from '@modelstream/ml';
import { listenBareNest } from '../support/bare-nest';
import { Answer, loadFloorModel } from './floor-model';

const ANSWER = 'floor-answer';

@Controller()
class PredictController {
  constructor(@Inject(ANSWER) private readonly answer: Answer) {}

  @Get('ping')
  ping(): string {
    return 'ok';
  }

  @Post('api/predict')
  @HttpCode(200)
  predict(@Body() body: { features: InputRow[] }): Record<string, unknown> {
    return this.answer(body.features);
  }
}

async function main(): Promise<void> {
  const answer = await loadFloorModel();
  @Module({ controllers: [PredictController], providers: [{ provide: ANSWER, useValue: answer }] })
  class FloorModule {}
  await listenBareNest(FloorModule);
}

main().catch((error: unknown) => {
  process.stderr.write(`ceiling failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
