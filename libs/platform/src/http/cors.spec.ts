import { Controller, Get, INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import { applyCors, corsOptions } from './cors';

type Platform = 'express' | 'fastify';

@Controller('api/things')
class ThingsController {
  @Get()
  list() {
    return [];
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

async function serve(origins: string[], platform: Platform): Promise<{ app: INestApplication; url: string }> {
  const app =
    platform === 'fastify'
      ? await NestFactory.create(ThingsModule, new FastifyAdapter(), { logger: false })
      : await NestFactory.create(ThingsModule, { logger: false });
  applyCors(app, origins);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}/api/things` };
}

const preflight = (url: string, origin: string) =>
  fetch(url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
  });

describe.each<Platform>(['express', 'fastify'])('CORS (CORS_ORIGINS) on %s', (platform) => {
  let served: { app: INestApplication; url: string } | undefined;
  afterEach(async () => {
    await served?.app.close();
    served = undefined;
  });

  it('answers a preflight from a listed origin, with the headers and methods the SDK uses', async () => {
    served = await serve(['http://localhost:5173/', 'https://ui.example.com'], platform);
    const res = await preflight(served.url, 'http://localhost:5173');
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(res.headers.get('access-control-allow-methods')).toContain('DELETE');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');

    const get = await fetch(served.url, { headers: { origin: 'https://ui.example.com' } });
    expect(get.headers.get('access-control-allow-origin')).toBe('https://ui.example.com');
    expect(get.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });

  it('puts the headers on a refused answer too, so the page can read why', async () => {
    served = await serve(['http://localhost:5173'], platform);
    const res = await fetch(`${served.url}/missing`, { headers: { origin: 'http://localhost:5173' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(res.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
  });

  it('gives another origin no CORS headers', async () => {
    served = await serve(['http://localhost:5173'], platform);
    const res = await preflight(served.url, 'http://evil.example.com');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const get = await fetch(served.url, { headers: { origin: 'http://evil.example.com' } });
    expect(get.status).toBe(200);
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('is off when no origin is listed', async () => {
    expect(corsOptions([])).toBeUndefined();
    expect(corsOptions([' ', ''])).toBeUndefined();
    served = await serve([], platform);
    const res = await preflight(served.url, 'http://localhost:5173');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
