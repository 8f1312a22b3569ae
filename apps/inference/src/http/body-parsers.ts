/**
 * The inference app's request bodies: JSON up to 10 MB (the default 100 kB is a few hundred rows) and
 * CSV bodies as text for the MLflow scoring protocol. bootstrap() has no hook for body parsers, so this
 * provider registers them while the app is being created — before Nest adds its defaults, which it then
 * skips because parsers of the same name are already in place.
 */
import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { ExpressAdapter } from '@nestjs/platform-express';

export const JSON_BODY_LIMIT = '10mb';
export const CSV_BODY_LIMIT = '25mb';

@Injectable()
export class InferenceBodyParsers {
  constructor(host: HttpAdapterHost) {
    const adapter = host.httpAdapter as ExpressAdapter | undefined;
    if (!adapter || typeof adapter.useBodyParser !== 'function') return; // a test context without HTTP
    adapter.useBodyParser('json', false, { limit: JSON_BODY_LIMIT });
    adapter.useBodyParser('text', false, { type: ['text/csv', 'application/csv'], limit: CSV_BODY_LIMIT });
  }
}
