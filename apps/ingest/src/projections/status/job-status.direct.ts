/**
 * GET /api/model-train/status/:trackingId, the status poll every client and the portal repeat, answered directly
 * (libs/platform direct-route.ts): the global AuthGuard, then the controller's method, with its content-type; only
 * Nest's per-request plumbing is left out. Its plain requests are answered in front of fastify (front-door.ts).
 */
import { INestApplication } from '@nestjs/common';
import { AuthGuard, callerOf } from '@modelstream/auth';
import { directRoute, DirectRoute } from '@modelstream/platform';
import { JobStatusController } from './job-status.controller';

export const directStatusRoute = (app: INestApplication): DirectRoute =>
  directRoute(app, JobStatusController, 'get', {
    guards: [app.get(AuthGuard)],
    answer: (controller, request) => controller.get((request.params as { trackingId: string }).trackingId, callerOf(request)),
  });
