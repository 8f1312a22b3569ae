/**
 * Where the SDK sends requests, from options or the environment:
 *
 * - `MODELSTREAM_URL` (default `http://127.0.0.1:3000`): the ingest API, or the portal that fronts both APIs.
 * - `MODELSTREAM_INFERENCE_URL`: the inference API. When unset, the rule is: if `MODELSTREAM_URL` is on port
 *   3000 (ingest's own port), inference is the same host on port 3001; any other `MODELSTREAM_URL` (the portal
 *   on 8080, a gateway) serves both APIs, so inference goes there too.
 * - `MODELSTREAM_API_KEY`: sent as `Authorization: Bearer <key>` when set.
 */
export const DEFAULT_URL = 'http://127.0.0.1:3000';
const INGEST_PORT = '3000';
const INFERENCE_PORT = '3001';

export interface ClientOptions {
  /** The ingest API or the portal (default: `MODELSTREAM_URL`, else http://127.0.0.1:3000). */
  url?: string;
  /** The inference API (default: `MODELSTREAM_INFERENCE_URL`, else derived from `url`, see above). */
  inferenceUrl?: string;
  /** API key (default: `MODELSTREAM_API_KEY`). */
  apiKey?: string;
}

export interface Endpoints {
  ingestUrl: string;
  inferenceUrl: string;
  apiKey?: string;
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** The inference base for an ingest/portal base when none is given: port 3000 → 3001, anything else → itself. */
export function defaultInferenceUrl(url: string): string {
  const parsed = new URL(url);
  const port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
  if (port !== INGEST_PORT) return trimSlash(url);
  parsed.port = INFERENCE_PORT;
  return trimSlash(parsed.toString());
}

export function resolveEndpoints(options: ClientOptions = {}, env: Record<string, string | undefined> = process.env): Endpoints {
  const nonEmpty = (v: string | undefined) => (v !== undefined && v.trim() !== '' ? v.trim() : undefined);
  const ingestUrl = trimSlash(nonEmpty(options.url) ?? nonEmpty(env.MODELSTREAM_URL) ?? DEFAULT_URL);
  try {
    new URL(ingestUrl);
  } catch {
    throw new TypeError(`MODELSTREAM_URL must be an absolute http(s) URL, got ${JSON.stringify(ingestUrl)}`);
  }
  const inferenceUrl = trimSlash(
    nonEmpty(options.inferenceUrl) ?? nonEmpty(env.MODELSTREAM_INFERENCE_URL) ?? defaultInferenceUrl(ingestUrl),
  );
  const apiKey = nonEmpty(options.apiKey) ?? nonEmpty(env.MODELSTREAM_API_KEY);
  return { ingestUrl, inferenceUrl, ...(apiKey ? { apiKey } : {}) };
}
