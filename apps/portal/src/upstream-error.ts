/**
 * The answer the portal gives when it cannot reach an app it forwards to: an ApiErrorBody that names the app,
 * where it was looked for and what to do. A refused or unresolvable connection is 503 (start the app, retry);
 * a connection lost mid-answer or a timeout is 502 / 504.
 */
import type { ApiErrorBody } from '@modelstream/platform';
import type { Upstream } from './routing';

const DOWN_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);

export const RETRY_AFTER_SECONDS = 5;

export function upstreamErrorBody(app: Upstream, target: string, error: Error & { code?: string }): ApiErrorBody {
  const code = error.code ?? '';
  const start = `start it (./scripts/run.sh, or scripts/apps.sh start) and retry`;
  if (DOWN_CODES.has(code)) {
    return {
      statusCode: 503,
      error: 'UpstreamUnavailable',
      message: `The ${app} app is not reachable at ${target} (${code}): ${start}.`,
      retryable: true,
      details: { app, target, code },
    };
  }
  if (TIMEOUT_CODES.has(code)) {
    return {
      statusCode: 504,
      error: 'UpstreamTimeout',
      message: `The ${app} app at ${target} did not answer in time (${code}): check its log (scripts/apps.sh logs ${app}) and retry.`,
      retryable: true,
      details: { app, target, code },
    };
  }
  return {
    statusCode: 502,
    error: 'BadGateway',
    message: `The ${app} app at ${target} failed to answer (${code || error.message}): check its log (scripts/apps.sh logs ${app}) and retry.`,
    retryable: true,
    details: { app, target, code: code || undefined },
  };
}
