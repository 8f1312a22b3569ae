/**
 * Generates the SDK's API types, libs/client/src/generated/{ingest,inference}.ts, from the checked-in OpenAPI
 * documents (openapi/ingest.json, openapi/inference.json) with openapi-typescript.
 * `--check` fails (exit 1) when a checked-in file differs from what the documents produce (CI drift gate):
 * `npm run gen:client` rewrites them.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import * as prettier from 'prettier';

const root = join(__dirname, '../../..');
const outDir = join(root, 'libs/client/src/generated');
const DOCUMENTS = ['ingest', 'inference'];

async function generate(name: string): Promise<string | null> {
  const input = join(root, 'openapi', `${name}.json`);
  if (!existsSync(input)) return null;
  const ast = await openapiTS(JSON.parse(readFileSync(input, 'utf8')) as Parameters<typeof openapiTS>[0], {
    alphabetize: false,
    exportType: false,
    emptyObjectsUnknown: true,
  });
  const header =
    `/**\n * Generated from openapi/${name}.json by libs/client/scripts/generate.ts (openapi-typescript): do not edit.\n` +
    ` * \`npm run gen:client\` rewrites it; \`npm run check:client\` fails when it is out of date.\n */\n\n`;
  const outFile = join(outDir, `${name}.ts`);
  return prettier.format(header + astToString(ast), { ...(await prettier.resolveConfig(outFile)), parser: 'typescript' });
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const name of DOCUMENTS) {
    const outFile = join(outDir, `${name}.ts`);
    const text = await generate(name);
    const current = existsSync(outFile) ? readFileSync(outFile, 'utf8') : null;
    const shown = relative(root, outFile);
    if (check) {
      if (current !== text) {
        stale++;
        process.stderr.write(`${shown} is out of date with openapi/${name}.json: run \`npm run gen:client\` and commit it.\n`);
      }
      continue;
    }
    if (text === null) {
      if (current !== null) rmSync(outFile);
      process.stdout.write(`openapi/${name}.json is missing: no ${shown}\n`);
      continue;
    }
    mkdirSync(dirname(outFile), { recursive: true });
    writeFileSync(outFile, text);
    process.stdout.write(`wrote ${shown}\n`);
  }
  if (stale > 0) process.exit(1);
  if (check) process.stdout.write('libs/client/src/generated is up to date.\n');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
