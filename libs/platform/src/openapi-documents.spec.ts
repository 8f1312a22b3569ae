/**
 * The checked-in OpenAPI documents (openapi/*.json, written by `npm run openapi`) describe every answer:
 * each operation has a 2xx response with a schema, and each documented 4xx/5xx a description and a schema
 * (4xx: the one ApiErrorBody). A failure lists every offending operation, e.g.
 * "ingest.json POST /api/x: 404 has no schema (add @ApiNotFoundResponse({ description, type: ApiErrorBody }))".
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Response {
  description?: string;
  content?: Record<string, { schema?: { $ref?: string } & Record<string, unknown> }>;
}
interface Document {
  paths: Record<string, Record<string, { responses?: Record<string, Response> }>>;
}

const OPENAPI_DIR = join(__dirname, '../../../openapi');
const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);
const ERROR_BODY = '#/components/schemas/ApiErrorBody';

const documents = readdirSync(OPENAPI_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, document: JSON.parse(readFileSync(join(OPENAPI_DIR, file), 'utf8')) as Document }));

const schemas = (response: Response) =>
  Object.values(response.content ?? {})
    .map((c) => c.schema)
    .filter((s) => s !== undefined);

/** Every operation of the documents as "<file> <METHOD> <path>" with its responses. */
function operations() {
  return documents.flatMap(({ file, document }) =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.has(method))
        .map(([method, op]) => ({ id: `${file} ${method.toUpperCase()} ${path}`, responses: op.responses ?? {} })),
    ),
  );
}

describe('OpenAPI documents (openapi/*.json)', () => {
  it('holds the ingest and inference documents', () => {
    expect(documents.map((d) => d.file)).toEqual(expect.arrayContaining(['inference.json', 'ingest.json']));
  });

  it('gives every operation a 2xx response with a schema', () => {
    const offenders = operations()
      .filter(({ responses }) => !Object.entries(responses).some(([code, r]) => /^2\d\d$/.test(code) && schemas(r).length > 0))
      .map(
        ({ id, responses }) =>
          `${id}: no 2xx response with a schema (has ${Object.keys(responses).join(', ') || 'none'}; add @ApiOkResponse({ type }))`,
      );
    expect(offenders).toEqual([]);
  });

  it('gives every documented 4xx the ApiErrorBody schema, and every 5xx a description and a schema', () => {
    const offenders = operations().flatMap(({ id, responses }) =>
      Object.entries(responses)
        .filter(([code]) => /^[45]\d\d$/.test(code))
        .flatMap(([code, r]) => {
          const problems: string[] = [];
          const found = schemas(r);
          if (!r.description?.trim()) problems.push(`${id}: ${code} has no description`);
          if (found.length === 0)
            problems.push(`${id}: ${code} has no schema (add { description, type: ApiErrorBody } from @modelstream/platform)`);
          else if (code.startsWith('4') && found.some((s) => s.$ref !== ERROR_BODY))
            problems.push(`${id}: ${code} has a schema other than ApiErrorBody`);
          return problems;
        }),
    );
    expect(offenders).toEqual([]);
  });
});
