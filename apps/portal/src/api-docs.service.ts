/**
 * Each app's live OpenAPI document (its /api/docs-json), as the portal serves it (portal-document.ts), or
 * the ApiErrorBody saying the app cannot be reached.
 */
import { Injectable } from '@nestjs/common';
import type { ApiErrorBody } from '@modelstream/platform';
import { type OpenApiLike, portalDocument } from './portal-document';
import type { ApiUpstream } from './routing';
import { upstreamErrorBody } from './upstream-error';
import { Upstreams } from './upstreams.service';

const DOC_TIMEOUT_MS = 10_000;

export type DocumentAnswer =
  | { ok: true; document: OpenApiLike }
  | { ok: false; error: ApiErrorBody }
  | { ok: false; status: number; contentType: string; body: string };

@Injectable()
export class ApiDocsService {
  constructor(private readonly upstreams: Upstreams) {}

  async document(app: ApiUpstream, portalOrigin: string): Promise<DocumentAnswer> {
    const target = this.upstreams.urls[app];
    let answer: Response;
    try {
      answer = await fetch(`${target}/api/docs-json`, { signal: AbortSignal.timeout(DOC_TIMEOUT_MS) });
    } catch (error) {
      const cause = (error as { cause?: Error & { code?: string } }).cause ?? (error as Error);
      return { ok: false, error: upstreamErrorBody(app, target, cause) };
    }
    if (!answer.ok) {
      return {
        ok: false,
        status: answer.status,
        contentType: answer.headers.get('content-type') ?? 'text/plain',
        body: await answer.text(),
      };
    }
    return { ok: true, document: portalDocument((await answer.json()) as OpenApiLike, app, portalOrigin) };
  }
}
