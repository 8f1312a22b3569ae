/**
 * How every page talks to the platform: the SDK's HTTP layer (typed errors, retries, the Bearer key) on the
 * portal's own origin, which forwards `/api/...` to ingest or inference by path. Streams are read with
 * `fetch`, not EventSource, so they carry the same Authorization header once access control asks for a key.
 */
import { HttpClient, type RequestOptions } from '@sdk/http';
import { readSse, type SseEvent } from '@sdk/sse';

const KEY_STORAGE = 'modelstream.apiKey';

/** The API key this browser sends (none until access control is on). */
export function apiKey(): string | undefined {
  return localStorage.getItem(KEY_STORAGE) ?? undefined;
}

export function setApiKey(key: string | undefined): void {
  if (key) localStorage.setItem(KEY_STORAGE, key);
  else localStorage.removeItem(KEY_STORAGE);
  client = undefined;
}

let client: HttpClient | undefined;

/** The one client of the page's origin (rebuilt when the key changes). */
export function api(): HttpClient {
  client ??= new HttpClient({ baseUrl: window.location.origin, apiKey: apiKey(), userAgent: 'modelstream-portal' });
  return client;
}

/** GET a JSON answer. */
export function getJson<T>(path: string, options?: RequestOptions): Promise<T> {
  return api().json<T>('GET', path, options);
}

/** Send a JSON body (or a form) and read the JSON answer. */
export function sendJson<T>(method: 'POST' | 'PUT' | 'DELETE' | 'PATCH', path: string, options?: RequestOptions): Promise<T> {
  return api().json<T>(method, path, options);
}

/**
 * Reads a server-sent-event stream until it ends or `signal` aborts; each event goes to `onEvent`. Resolves when
 * the server closed the stream; rejects with the API's typed error when it refused it.
 */
export async function stream(
  path: string,
  onEvent: (event: SseEvent) => void,
  options: { signal: AbortSignal; query?: RequestOptions['query'] },
): Promise<void> {
  const res = await api().send('GET', path, { accept: 'text/event-stream', timeoutMs: 0, retry: false, ...options });
  if (!res.body) return;
  for await (const event of readSse(res.body)) onEvent(event);
}
