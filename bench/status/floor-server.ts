/**
 * The status bench's floor: the thinnest server answering GET /api/model-train/status/:trackingId — `node:http`,
 * one ioredis HGET of the job hash's `view` (the JSON the status projection writes with each change) and that JSON
 * back; 404 when there is none. No routing beyond a prefix, no access control, no logging, no headers of ours.
 *
 *   FLOOR_PORT=3161 npx tsx bench/status/floor-server.ts   (REDIS_URL, REDIS_KEY_PREFIX as the app's)
 */
import { createServer } from 'node:http';
import Redis from 'ioredis';
import { loadConfig } from '@modelstream/config';
import { RedisKeys } from '@modelstream/storage';

const PREFIX = '/api/model-train/status/';
const config = loadConfig();
const keys = new RedisKeys(config.REDIS_KEY_PREFIX);
const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1 });

const server = createServer((req, res) => {
  const url = req.url ?? '';
  if (url === '/ping') return void res.end('ok');
  if (!url.startsWith(PREFIX)) return void res.writeHead(404).end();
  redis.hget(keys.job(decodeURIComponent(url.slice(PREFIX.length))), 'view').then(
    (view) => {
      if (view === null) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"statusCode":404}');
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(view) }).end(view);
    },
    () => res.writeHead(503).end(),
  );
});
server.listen(Number(process.env.FLOOR_PORT ?? 3161), '127.0.0.1');
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void redis.quit().finally(() => process.exit(0));
});
