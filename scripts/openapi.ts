/**
 * Writes the ingest app's OpenAPI document (the one it serves at /api/docs-json) to openapi/ingest.json.
 * `--check` fails (exit 1) when the checked-in file differs from what the code produces (CI drift gate).
 *
 * The document comes from the built app (`nest build ingest` first: DTO types need the compiler's
 * decorator metadata), created in Nest's preview mode, so no Kafka, Redis or database is needed.
 */
import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import * as prettier from 'prettier';

const root = join(__dirname, '..');
const outFile = join(root, 'openapi/ingest.json');
const built = join(root, 'dist/apps/ingest');

async function main(): Promise<void> {
  const modulePath = join(built, 'apps/ingest/src/ingest.module.js');
  if (!existsSync(modulePath)) throw new Error(`${modulePath} is missing: run \`npx nest build ingest\` first (npm run openapi does).`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { IngestModule } = require(modulePath) as { IngestModule: new () => unknown };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildOpenApiDocument } = require(join(built, 'libs/platform/src')) as typeof import('@modelstream/platform');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { INGEST_API_INFO } = require(
    join(built, 'apps/ingest/src/ingest-api.info.js'),
  ) as typeof import('../apps/ingest/src/ingest-api.info');
  const app = await NestFactory.create(IngestModule, { preview: true, logger: false, abortOnError: false });
  const document = buildOpenApiDocument(app, INGEST_API_INFO);
  await app.close();
  const text = await prettier.format(JSON.stringify(document), { ...(await prettier.resolveConfig(outFile)), parser: 'json' });

  if (process.argv.includes('--check')) {
    const current = existsSync(outFile) ? readFileSync(outFile, 'utf8') : '';
    if (current !== text) {
      process.stderr.write(`${outFile} is out of date with the code: run \`npm run openapi\` and commit it.\n`);
      process.exit(1);
    }
    process.stdout.write(`${outFile} is up to date.\n`);
    return;
  }
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, text);
  process.stdout.write(`wrote ${outFile} (${Object.keys(document.paths).length} paths)\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
