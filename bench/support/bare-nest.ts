/**
 * The HTTP benches' framework ceilings: a bare NestJS app (one module, no middleware, guards, pipes, interceptors or
 * logging) doing a route's work, on the platform FLOOR_PLATFORM names — `express` (@nestjs/platform-express, the
 * portal's) or `fastify` (@nestjs/platform-fastify, ingest's and inference's). What an app could reach at best on
 * that platform, whatever it stops doing per request; side by side, what the choice of platform buys.
 */
import 'reflect-metadata';
import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';

export type BarePlatform = 'express' | 'fastify';

export const barePlatform = (): BarePlatform => (process.env.FLOOR_PLATFORM === 'fastify' ? 'fastify' : 'express');

/** Starts `module` on FLOOR_PORT (127.0.0.1) on FLOOR_PLATFORM, with its default body parsers; SIGTERM stops it. */
export async function listenBareNest(module: Type): Promise<INestApplication> {
  const app =
    barePlatform() === 'fastify'
      ? await NestFactory.create(module, new FastifyAdapter(), { logger: false })
      : await NestFactory.create(module, { logger: false });
  app.enableShutdownHooks(['SIGTERM']);
  await app.listen(Number(process.env.FLOOR_PORT), '127.0.0.1');
  return app;
}
