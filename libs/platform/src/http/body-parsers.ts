/**
 * An app's request-body limits: the platforms' defaults (100 kB of JSON) are far below what the APIs take (JSON
 * rows, CSV bodies). bootstrap() has no hook for body parsers, so `bodyParsers(...)` makes a provider that
 * registers them while the app is being created — before Nest adds its defaults, which it then skips because
 * parsers of the same type are already in place. On either platform, JSON is parsed by JSON.parse (a row's
 * `__proto__` or `constructor` column stays a column) and refused (400) when nested deeper than MAX_JSON_DEPTH
 * (json-depth.ts); an empty JSON body is `{}`, as express has it.
 */
import { BadRequestException, Injectable, Type } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { ExpressAdapter } from '@nestjs/platform-express';
import type { FastifyAdapter } from '@nestjs/platform-fastify';
import { deepJsonMessage, jsonDepth, MAX_JSON_DEPTH, refuseDeepJson } from './json-depth';

export interface BodyLimits {
  /** application/json bodies up to this many bytes. */
  jsonBytes: number;
  /** Plain-text bodies of these media types (e.g. text/csv), up to `bytes`. */
  text?: { types: string[]; bytes: number };
}

/** A JSON body as the apps take it: `{}` when empty, a 400 that says why when it is not JSON or nests too deep. */
export function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) return {};
  if (jsonDepth(body) > MAX_JSON_DEPTH) throw new BadRequestException(deepJsonMessage());
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new BadRequestException(`The body is not valid JSON: ${(error as Error).message}. Send a JSON document.`);
  }
}

const jsonLimits = new WeakMap<object, number>();

/** The JSON body limit of the parser `bodyParsers` registered on a fastify instance, if it did (front-door.ts). */
export const jsonBodyLimitOn = (instance: object): number | undefined => jsonLimits.get(instance);

// (Nest takes a parser's result from its promise, or from `done`; a plain return value would leave the request waiting)
function onFastify(adapter: FastifyAdapter, limits: BodyLimits): void {
  jsonLimits.set(adapter.getInstance(), limits.jsonBytes);
  const json = async (_req: unknown, body: Buffer) => parseJsonBody(body);
  adapter.useBodyParser('application/json', false, { bodyLimit: limits.jsonBytes }, json);
  if (limits.text) {
    const text = async (_req: unknown, body: Buffer) => body.toString('utf8');
    adapter.useBodyParser(limits.text.types, false, { bodyLimit: limits.text.bytes }, text);
  }
}

function onExpress(adapter: ExpressAdapter, limits: BodyLimits): void {
  // Nest's type leaves out `verify` (it sets its own only for rawBody, off here); body-parser takes it as given.
  const json = { limit: limits.jsonBytes, verify: refuseDeepJson } as unknown as { limit: number };
  adapter.useBodyParser('json', false, json);
  if (limits.text) adapter.useBodyParser('text', false, { type: limits.text.types, limit: limits.text.bytes });
}

/** A provider class that installs these body parsers in the app that lists it. */
export function bodyParsers(limits: BodyLimits): Type<unknown> {
  @Injectable()
  class BodyParsers {
    constructor(host: HttpAdapterHost) {
      const adapter = host.httpAdapter as ExpressAdapter | FastifyAdapter | undefined;
      if (!adapter || typeof adapter.useBodyParser !== 'function') return; // a test context without HTTP
      if (adapter.getType() === 'fastify') onFastify(adapter as FastifyAdapter, limits);
      else onExpress(adapter as ExpressAdapter, limits);
    }
  }
  return BodyParsers;
}
