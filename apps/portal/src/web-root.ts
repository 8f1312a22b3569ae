/**
 * The built single-page app (dist/portal/web, `npm run build:web`) and the plain answers the portal gives
 * of its own (404, 503 when the SPA is not built).
 */
import type { Response } from 'express';
import { existsSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { findProjectRoot } from '@modelstream/config';
import type { ApiErrorBody } from '@modelstream/platform';

export const WEB_ROOT = join(findProjectRoot(__dirname), 'dist/portal/web');
export const INDEX_HTML = 'index.html';
export const NOT_BUILT = `The portal's web app is not built (${join(WEB_ROOT, INDEX_HTML)} is missing): run \`npm run build:web\`, then reload.`;

export const webBuilt = () => existsSync(join(WEB_ROOT, INDEX_HTML));

/** The file under the web root that this URL path names, if it is a plain file there (no traversal). */
export function webFile(pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const file = resolve(WEB_ROOT, `.${decoded}`);
  if (!file.startsWith(WEB_ROOT + sep) || decoded.split('/').some((part) => part.startsWith('.'))) return undefined;
  try {
    return statSync(file).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

export function sendError(res: Response, body: ApiErrorBody): void {
  res.status(body.statusCode).set('cache-control', 'no-store').json(body);
}

export function notFound(res: Response, message: string): void {
  sendError(res, { statusCode: 404, error: 'NotFoundError', message });
}
