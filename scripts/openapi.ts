/**
 * Writes the OpenAPI documents the apps serve at /api/docs-json: openapi/ingest.json and openapi/inference.json.
 * `--check` fails (exit 1) when a checked-in file differs from what the code produces (CI drift gate).
 *
 * The documents come from the built apps (`nest build ingest && nest build inference` first: DTO types
 * need the compiler's decorator metadata), created in Nest's preview mode, so no Kafka, Redis, database
 * or MLflow is needed.
 */
import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import * as prettier from 'prettier';

const root = join(__dirname, '..');

interface ApiDocument {
  app: 'ingest' | 'inference';
  /** The module file (under the app's src/) and its exported module class. */
  module: [file: string, exportName: string];
  /** The file (under the app's src/) with the API's title and description, and its export. */
  info: [file: string, exportName: string];
}

const DOCUMENTS: ApiDocument[] = [
  { app: 'ingest', module: ['ingest.module.js', 'IngestModule'], info: ['ingest-api.info.js', 'INGEST_API_INFO'] },
  { app: 'inference', module: ['inference.module.js', 'InferenceModule'], info: ['inference-api.info.js', 'INFERENCE_API_INFO'] },
];

/* eslint-disable @typescript-eslint/no-require-imports -- the built apps are loaded at run time, after `nest build` */
async function generate({ app, module, info }: ApiDocument): Promise<{ outFile: string; text: string; paths: number }> {
  const built = join(root, 'dist/apps', app);
  const src = join(built, 'apps', app, 'src');
  const modulePath = join(src, module[0]);
  if (!existsSync(modulePath)) throw new Error(`${modulePath} is missing: run \`npx nest build ${app}\` first (npm run openapi does).`);
  const appModule = (require(modulePath) as Record<string, new () => unknown>)[module[1]];
  const { buildOpenApiDocument } = require(join(built, 'libs/platform/src')) as typeof import('@modelstream/platform');
  const apiInfo = (require(join(src, info[0])) as Record<string, { title: string; description: string }>)[info[1]];
  const nest = await NestFactory.create(appModule, { preview: true, logger: false, abortOnError: false });
  const document = buildOpenApiDocument(nest, apiInfo);
  await nest.close();
  const outFile = join(root, 'openapi', `${app}.json`);
  const text = await prettier.format(JSON.stringify(document), { ...(await prettier.resolveConfig(outFile)), parser: 'json' });
  return { outFile, text, paths: Object.keys(document.paths).length };
}
/* eslint-enable @typescript-eslint/no-require-imports */

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  let failed = false;
  for (const doc of DOCUMENTS) {
    let generated: Awaited<ReturnType<typeof generate>>;
    try {
      generated = await generate(doc);
    } catch (error) {
      // One app that cannot be created (e.g. a provider missing) does not keep the other's document from being written.
      process.stderr.write(`the ${doc.app} document could not be built: ${(error as Error).stack ?? String(error)}\n`);
      failed = true;
      continue;
    }
    const { outFile, text, paths } = generated;
    if (check) {
      const current = existsSync(outFile) ? readFileSync(outFile, 'utf8') : '';
      if (current !== text) {
        process.stderr.write(`${outFile} is out of date with the code: run \`npm run openapi\` and commit it.\n`);
        failed = true;
      } else {
        process.stdout.write(`${outFile} is up to date.\n`);
      }
      continue;
    }
    mkdirSync(dirname(outFile), { recursive: true });
    writeFileSync(outFile, text);
    process.stdout.write(`wrote ${outFile} (${paths} paths)\n`);
  }
  if (failed) process.exit(1);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
