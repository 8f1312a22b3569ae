/**
 * The single-page app: hashed files under /assets cached for a year (their names change with their content),
 * index.html never cached (it names the current assets), and every other browser navigation answered with
 * index.html so that a deep link such as /jobs/abc reloads into the app. Registered last (web.module.ts):
 * /api, /docs, /health and /metrics are matched before this catch-all.
 */
import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { routeOf } from './routing';
import { INDEX_HTML, NOT_BUILT, notFound, sendError, WEB_ROOT, webBuilt, webFile } from './web-root';

const YEAR_SECONDS = 365 * 24 * 3600;

@ApiExcludeController()
@Controller()
export class WebController {
  @Get('assets/*path')
  asset(@Req() req: Request, @Res() res: Response): void {
    if (!webFile(req.path)) return notFound(res, `${req.path} is not a file of this build of the portal: reload the page.`);
    res.sendFile(req.path.slice(1), { root: WEB_ROOT, dotfiles: 'deny', maxAge: YEAR_SECONDS * 1000, immutable: true });
  }

  @Get('{*path}')
  page(@Req() req: Request, @Res() res: Response): void {
    const file = req.path !== '/' ? webFile(req.path) : undefined;
    if (file) return void res.sendFile(file, { headers: { 'cache-control': 'no-cache' } });
    // browsers ask for it whatever the page says: no icon, no error in the console
    if (req.path === '/favicon.ico') return void res.status(204).set('cache-control', 'public, max-age=86400').end();
    const route = routeOf(req.method, req.path, req.headers.accept);
    if (route.kind !== 'spa' && req.path !== '/') {
      return notFound(res, `Nothing is served at ${req.path}: the API is under /api, its docs under /docs/ingest and /docs/inference.`);
    }
    if (!webBuilt()) {
      if (route.kind === 'spa') {
        res.status(503).set({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        return void res.send(
          `<!doctype html><title>modelstream portal: not built</title><h1>The portal is not built</h1><p>${escapeHtml(NOT_BUILT)}</p>`,
        );
      }
      return sendError(res, { statusCode: 503, error: 'PortalNotBuilt', message: NOT_BUILT, retryable: true });
    }
    res.sendFile(INDEX_HTML, { root: WEB_ROOT, headers: { 'cache-control': 'no-cache' } });
  }
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
