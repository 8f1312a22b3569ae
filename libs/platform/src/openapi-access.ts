/**
 * The access answers of every operation that needs a key (bearer security, set by `@NeedsScope`): 401 and 403
 * with the ApiErrorBody schema, and 429 on the rate-limited ones (`@RateLimited`), added to the document once
 * instead of on each route.
 */
import type { OpenAPIObject } from '@nestjs/swagger';

const ACCESS_ERRORS = {
  '401': 'No API key, a malformed Authorization header, or a key that is not valid or was revoked (AUTH=required)',
  '403': 'The API key lacks the scope this operation needs (its `x-scope`)',
} as const;

export function documentAccessErrors(document: OpenAPIObject): OpenAPIObject {
  const errorBody = { $ref: '#/components/schemas/ApiErrorBody' };
  for (const item of Object.values(document.paths)) {
    for (const op of [item.get, item.put, item.post, item.delete, item.patch]) {
      if (!op?.security?.length) continue;
      for (const [status, description] of Object.entries(ACCESS_ERRORS)) {
        op.responses[status] ??= { description, content: { 'application/json': { schema: errorBody } } };
      }
      if ((op as unknown as Record<string, unknown>)['x-rate-limit']) {
        op.responses['429'] ??= {
          description: 'The key is over its rate or in-flight limit for this kind of request; wait Retry-After seconds and send again',
          content: { 'application/json': { schema: errorBody } },
        };
      }
    }
  }
  return document;
}
