/**
 * The inference bench's floor: the thinnest server doing a prediction's forward pass — `node:http` and the model of
 * floor-model.ts: per request, the JSON body's `features` rows → the app's answer as JSON. No routing, access
 * control, validation, model cache, metrics or logging.
 *
 *   FLOOR_PORT=3163 FLOOR_MODEL_NAME=<name> FLOOR_MODEL_VERSION=<n> npx tsx bench/inference/floor-server.ts
 */
import { createServer } from 'node:http';
import type { InputRow } from '@modelstream/ml';
import { loadFloorModel } from './floor-model';

async function main(): Promise<void> {
  const answer = await loadFloorModel();
  const server = createServer((req, res) => {
    if (req.url === '/ping') return void res.end('ok');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const rows = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { features: InputRow[] }).features;
        const body = JSON.stringify(answer(rows));
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
      } catch (error) {
        res.writeHead(400).end(String(error));
      }
    });
  });
  server.listen(Number(process.env.FLOOR_PORT ?? 3163), '127.0.0.1');
  process.once('SIGTERM', () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`floor failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
