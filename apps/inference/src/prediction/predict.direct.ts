/**
 * POST /api/predict, the prediction API's hot route, answered directly (libs/platform direct-route.ts): the same
 * guards as Nest runs for it (the global AuthGuard, then the controller's RateLimitGuard), the same body pipe, the
 * same controller method, the same exception filter; only Nest's per-request plumbing is left out: a one-row
 * prediction's CPU went from 102 to 84 µs (bench/inference, AUTH=required, 10 connections). Its plain requests are
 * answered in front of fastify (front-door.ts): 106 → 85 µs.
 */
import { INestApplication } from '@nestjs/common';
import { AuthGuard, callerOf, RateLimitGuard } from '@modelstream/auth';
import { directRoute, DirectRoute } from '@modelstream/platform';
import { PREDICT_BODY_PIPE, PredictController } from './predict.controller';
import type { PredictBody } from './predict.dto';

export const directPredictRoute = (app: INestApplication): DirectRoute =>
  directRoute(app, PredictController, 'predict', {
    guards: [app.get(AuthGuard), app.get(RateLimitGuard)],
    answer: (controller, request) => controller.predict(PREDICT_BODY_PIPE.transform(request.body) as PredictBody, callerOf(request)),
  });
