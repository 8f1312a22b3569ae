/**
 * JSON bodies up to 64 MB (the default 100 kB is a few hundred rows): POST /api/train's rows may make a
 * 25 MB CSV, and JSON spells each row's column names out. bootstrap() has no hook for body parsers, so this
 * provider registers it while the app is being created, before Nest's default (then skipped).
 */
import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { ExpressAdapter } from '@nestjs/platform-express';

export const JSON_BODY_LIMIT = '64mb';

@Injectable()
export class JsonBodyParser {
  constructor(host: HttpAdapterHost) {
    const adapter = host.httpAdapter as ExpressAdapter | undefined;
    if (!adapter || typeof adapter.useBodyParser !== 'function') return; // a test context without HTTP
    adapter.useBodyParser('json', false, { limit: JSON_BODY_LIMIT });
  }
}
