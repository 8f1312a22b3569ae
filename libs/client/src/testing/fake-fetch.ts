/** A scripted fetch for the SDK's unit specs: records every request, answers from a handler. */
import type { FetchLike } from '../http';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: RequestInit['body'];
  /** Multipart text fields, when the body was FormData. */
  fields?: Record<string, string>;
  /** The `file` part's bytes, when the body was FormData. */
  file?: Buffer;
  json?: unknown;
}

export type Handler = (req: RecordedRequest, n: number) => Response | Promise<Response>;

export function fakeFetch(handler: Handler): FetchLike & { requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const fn = async (input: string, init: RequestInit = {}) => {
    const req: RecordedRequest = {
      method: init.method ?? 'GET',
      url: input,
      headers: { ...(init.headers as Record<string, string>) },
      body: init.body,
    };
    if (init.body instanceof FormData) {
      req.fields = {};
      for (const [k, v] of init.body.entries()) {
        if (typeof v === 'string') req.fields[k] = v;
        else req.file = Buffer.from(await v.arrayBuffer());
      }
    } else if (typeof init.body === 'string') req.json = JSON.parse(init.body);
    requests.push(req);
    return handler(req, requests.length);
  };
  return Object.assign(fn, { requests });
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/** A text/event-stream answer whose body arrives in the given pieces. */
export function sse(pieces: string[]): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const p of pieces) controller.enqueue(encoder.encode(p));
      controller.close();
    },
  });
  return new Response(stream, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}
