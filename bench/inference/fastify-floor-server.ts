/**
 * The inference bench's third framework ceiling: the same work as floor-server.ts (the JSON body's rows through
 * the model of floor-model.ts, the answer as JSON) as a bare fastify app, with no Nest on top: what the platform
 * the apps run on costs by itself, and so, next to nest-floor-server.ts on fastify, what Nest's per-request
 * plumbing (router, guards, pipes, parameter resolution) adds.
 *
 *   FLOOR_PORT=3167 FLOOR_MODEL_NAME=<name> FLOOR_MODEL_VERSION=<n> npx tsx bench/inference/fastify-floor-server.ts
 */
import Fastify from 'fastify';
import type { InputRow } from '@modelstream/ml';
import { loadFloorModel } from './floor-model';

async function main(): Promise<void> {
  const answer = await loadFloorModel();
  const app = Fastify({ bodyLimit: 10 * 1024 * 1024 });
  app.get('/ping', () => 'ok');
  app.post<{ Body: { features: InputRow[] } }>('/api/predict', (request) => answer(request.body.features));
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
  await app.listen({ port: Number(process.env.FLOOR_PORT), host: '127.0.0.1' });
}

main().catch((error: unknown) => {
  process.stderr.write(`ceiling failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
