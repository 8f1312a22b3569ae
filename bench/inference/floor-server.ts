/**
 * The inference bench's floor: the thinnest server doing a prediction's forward pass — `node:http`, the registered
 * version's artifacts loaded as the app loads them (libs/ml loadBundle from MLflow, the tfjs-node backend), and
 * per request: the JSON body's `features` rows → preprocessing → tensor → predict → the app's answer as JSON. No
 * routing, access control, validation, model cache, metrics or logging.
 *
 *   FLOOR_PORT=3163 FLOOR_MODEL_NAME=<name> FLOOR_MODEL_VERSION=<n> npx tsx bench/inference/floor-server.ts
 */
import { createServer } from 'node:http';
import { loadConfig } from '@modelstream/config';
import { initBackend, InputRow, loadBundle, predict } from '@modelstream/ml';
import { MlflowClient } from '@modelstream/mlflow';

async function main(): Promise<void> {
  const name = process.env.FLOOR_MODEL_NAME!;
  const version = process.env.FLOOR_MODEL_VERSION!;
  const mlflow = new MlflowClient(loadConfig());
  await initBackend();
  const { source } = await mlflow.getModelVersion(name, version);
  const bundle = await loadBundle((path) => mlflow.downloadArtifact(source, path));
  const modelId = `models:/${name}/${version}`;
  const spec = bundle.preprocessor.spec;

  const server = createServer((req, res) => {
    if (req.url === '/ping') return void res.end('ok');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const rows = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { features: InputRow[] }).features;
        const p = predict(bundle, rows);
        const predictions =
          p.problemType === 'regression'
            ? p.values.map((value) => ({ value }))
            : p.labels.map((label, i) => ({ label, probabilities: p.probabilities[i] }));
        const body = JSON.stringify({
          status: 'success',
          modelId,
          requested: modelId,
          name,
          version,
          modelType: bundle.meta.modelType,
          problemType: spec.problemType,
          target: spec.target,
          ...(spec.classes ? { classes: spec.classes } : {}),
          predictions,
        });
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
