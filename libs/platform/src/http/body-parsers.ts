/**
 * An app's request-body limits: Express's defaults (100 kB of JSON) are far below what the APIs take (JSON
 * rows, CSV bodies). bootstrap() has no hook for body parsers, so `bodyParsers(...)` makes a provider that
 * registers them while the app is being created — before Nest adds its defaults, which it then skips because
 * parsers of the same name are already in place. JSON nested deeper than MAX_JSON_DEPTH is refused (json-depth.ts).
 */
import { Injectable, Type } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { ExpressAdapter } from '@nestjs/platform-express';
import { refuseDeepJson } from './json-depth';

export interface BodyLimits {
  /** application/json bodies up to this size, e.g. '10mb'. */
  json: string;
  /** Plain-text bodies of these media types (e.g. text/csv), up to `limit`. */
  text?: { types: string[]; limit: string };
}

/** A provider class that installs these body parsers in the app that lists it. */
export function bodyParsers(limits: BodyLimits): Type<unknown> {
  @Injectable()
  class BodyParsers {
    constructor(host: HttpAdapterHost) {
      const adapter = host.httpAdapter as ExpressAdapter | undefined;
      if (!adapter || typeof adapter.useBodyParser !== 'function') return; // a test context without HTTP
      // Nest's type leaves out `verify` (it sets its own only for rawBody, off here); body-parser takes it as given.
      const json = { limit: limits.json, verify: refuseDeepJson } as unknown as { limit: string };
      adapter.useBodyParser('json', false, json);
      if (limits.text) adapter.useBodyParser('text', false, { type: limits.text.types, limit: limits.text.limit });
    }
  }
  return BodyParsers;
}
