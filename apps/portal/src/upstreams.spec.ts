/** Upstreams against a real node:http app on loopback: how the proxy connects to it. */
import { createServer, IncomingHttpHeaders, request, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PinoLogger } from 'nestjs-pino';
import type { AppConfig } from '@modelstream/config';
import { Upstreams } from './upstreams.service';

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};

const get = (port: number, path: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });

describe('Upstreams', () => {
  const seen: Array<{ headers: IncomingHttpHeaders; socket: unknown }> = [];
  const app = createServer((req, res) => {
    seen.push({ headers: req.headers, socket: req.socket });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  // An app that drops idle connections at once: a proxy that kept one would send its next request on a closed socket.
  app.keepAliveTimeout = 1;
  let portal: Server;
  let portalPort: number;

  beforeAll(async () => {
    const appPort = await listen(app);
    const config = {
      INGEST_HOST: '127.0.0.1',
      INGEST_PORT: appPort,
      INFERENCE_HOST: '127.0.0.1',
      INFERENCE_PORT: 1,
      TRAINER_HOST: '127.0.0.1',
      TRAINER_PORT: 1,
    };
    const logger = { warn: jest.fn() } as unknown as PinoLogger;
    const upstreams = new Upstreams(config as unknown as AppConfig, logger);
    portal = createServer((req, res) => void upstreams.forward('ingest', req, res));
    portalPort = await listen(portal);
  });

  afterAll(async () => {
    portal.closeAllConnections();
    app.closeAllConnections();
    await Promise.all([new Promise((r) => portal.close(r)), new Promise((r) => app.close(r))]);
  });

  it('forwards each request on a connection of its own, closed after it, so none meets a socket the app closed', async () => {
    for (let i = 0; i < 20; i++) {
      expect(await get(portalPort, `/api/auth/me?i=${i}`)).toEqual({ status: 200, body: '{"ok":true}' });
      await new Promise((r) => setTimeout(r, i % 5));
    }
    expect(seen).toHaveLength(20);
    expect(new Set(seen.map((s) => s.socket)).size).toBe(20);
    expect(seen.every((s) => s.headers.connection === 'close')).toBe(true);
  });
});
