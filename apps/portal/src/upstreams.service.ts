/**
 * One streaming proxy per app the portal forwards to. Nothing is buffered on the way: request bodies
 * (multipart uploads) stream to the app as they arrive (the portal parses no body), answers stream back
 * (SSE event by event, no compression), 4xx/5xx answers pass as the app wrote them, and a client that goes
 * away closes the upstream request. An app that cannot be reached answers an ApiErrorBody (upstream-error.ts).
 */
import { Injectable } from '@nestjs/common';
import type { ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createProxyMiddleware, debugProxyErrorsPlugin, proxyEventsPlugin, type RequestHandler } from 'http-proxy-middleware';
import { PinoLogger } from 'nestjs-pino';
import { AppConfig } from '@modelstream/config';
import { UPSTREAMS, type Upstream } from './routing';
import { RETRY_AFTER_SECONDS, upstreamErrorBody } from './upstream-error';

export function upstreamUrl(config: AppConfig, app: Upstream): string {
  const [host, port] =
    app === 'ingest'
      ? [config.INGEST_HOST, config.INGEST_PORT]
      : app === 'inference'
        ? [config.INFERENCE_HOST, config.INFERENCE_PORT]
        : [config.TRAINER_HOST, config.TRAINER_PORT];
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

@Injectable()
export class Upstreams {
  private readonly proxies: Record<Upstream, RequestHandler>;
  readonly urls: Record<Upstream, string>;

  constructor(
    config: AppConfig,
    private readonly logger: PinoLogger,
  ) {
    this.urls = Object.fromEntries(UPSTREAMS.map((app) => [app, upstreamUrl(config, app)])) as Record<Upstream, string>;
    this.proxies = Object.fromEntries(UPSTREAMS.map((app) => [app, this.proxyTo(app)])) as Record<Upstream, RequestHandler>;
  }

  /** Forwards the request to the app, path and query as they are in `req.url`. */
  forward(app: Upstream, req: IncomingMessage, res: ServerResponse): Promise<void> {
    return this.proxies[app](req, res, (error?: unknown) => {
      if (error) this.unreachable(app, error as Error, req, res);
    });
  }

  private proxyTo(app: Upstream): RequestHandler {
    const target = this.urls[app];
    return createProxyMiddleware<IncomingMessage, ServerResponse>({
      target,
      changeOrigin: true,
      xfwd: true,
      // A connection per request, closed after it. A kept-alive one can be closed by the app (its keep-alive
      // timeout) just as the proxy sends on it: the request fails with ECONNRESET, and the browser gets a 502 for
      // an app that is up. A connection to an app on loopback costs far less than that.
      agent: false,
      // our own error answer instead of the default plain-text one; proxyEventsPlugin wires `on`
      ejectPlugins: true,
      plugins: [debugProxyErrorsPlugin, proxyEventsPlugin],
      on: {
        proxyReq: (proxyReq: ClientRequest) => {
          // a long SSE stream or upload must not be cut by an idle socket: no timeout on the upstream side
          proxyReq.setTimeout(0);
          // the portal checked where a browser request comes from (bootstrap's cross-site guard, against the
          // portal's own origin); the app behind it, on another host and port, would not recognise that origin
          for (const header of ['origin', 'sec-fetch-site', 'sec-fetch-mode', 'sec-fetch-dest']) proxyReq.removeHeader(header);
        },
        error: (error: Error, req: IncomingMessage, res: ServerResponse | Socket) => this.unreachable(app, error, req, res),
      },
    });
  }

  private unreachable(app: Upstream, error: Error, req: IncomingMessage, res: ServerResponse | Socket): void {
    const body = upstreamErrorBody(app, this.urls[app], error as Error & { code?: string });
    this.logger.warn(
      { app, target: this.urls[app], url: req.url, err: error.message, statusCode: body.statusCode },
      'upstream unreachable',
    );
    if (!('writeHead' in res)) return void res.destroy();
    if (res.headersSent) return void res.destroy(); // the answer had begun: the client sees it cut
    res.writeHead(body.statusCode, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...(body.statusCode === 503 ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : {}),
    });
    res.end(JSON.stringify(body));
  }
}
