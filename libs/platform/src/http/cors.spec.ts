import { Controller, Get, INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { applyCors, corsOptions } from './cors';

@Controller('api/things')
class ThingsController {
  @Get()
  list() {
    return [];
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

async function serve(origins: string[]): Promise<{ app: INestApplication; url: string }> {
  const app = await NestFactory.create(ThingsModule, { logger: false });
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

describe('CORS (CORS_ORIGINS)', () => {
  let served: { app: INestApplication; url: string } | undefined;
  afterEach(async () => {
    await served?.app.close();
    served = undefined;
  });

  it('answers a preflight from a listed origin, with the headers and methods the SDK uses', async () => {
    served = await serve(['http://localhost:5173/', 'https://ui.example.com']);
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

  it('gives another origin no CORS headers', async () => {
    served = await serve(['http://localhost:5173']);
    const res = await preflight(served.url, 'http://evil.example.com');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const get = await fetch(served.url, { headers: { origin: 'http://evil.example.com' } });
    expect(get.status).toBe(200);
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('is off when no origin is listed', async () => {
    expect(corsOptions([])).toBeUndefined();
    expect(corsOptions([' ', ''])).toBeUndefined();
    served = await serve([]);
    const res = await preflight(served.url, 'http://localhost:5173');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
