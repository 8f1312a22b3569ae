/**
 * Each app's Swagger UI through the portal, without colliding: /docs/ingest and /docs/inference serve
 * Swagger UI (from swagger-ui-dist) over the app's live OpenAPI document (its /api/docs-json), with
 * `servers` set to the portal, so "Try it out" goes through the portal's forwarding (portal-document.ts).
 */
import { Controller, Get, Param, Redirect, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { dirname } from 'node:path';
import { ApiDocsService } from './api-docs.service';
import { DOCUMENTED_APPS, type ApiUpstream } from './routing';
import { notFound, sendError } from './web-root';

const SWAGGER_UI_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));
const SWAGGER_UI_FILES = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js', 'favicon-32x32.png']);

@ApiExcludeController()
@Controller('docs')
export class DocsController {
  constructor(private readonly docs: ApiDocsService) {}

  @Get()
  @Redirect('/docs/ingest', 302)
  index(): void {}

  @Get('swagger-ui/:file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    if (!SWAGGER_UI_FILES.has(file)) return notFound(res, `Swagger UI has no file "${file}".`);
    res.sendFile(file, { root: SWAGGER_UI_DIR, maxAge: 24 * 3600 * 1000 });
  }

  @Get(':app')
  page(@Param('app') app: string, @Res() res: Response): void {
    const known = this.documented(app, res);
    if (!known) return;
    res.set({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' }).send(swaggerPage(known));
  }

  @Get(':app/openapi.json')
  async document(@Param('app') app: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const known = this.documented(app, res);
    if (!known) return;
    const answer = await this.docs.document(known, `${req.protocol}://${req.get('host')}`);
    if (answer.ok) return void res.set('cache-control', 'no-cache').json(answer.document);
    if ('error' in answer) return sendError(res, answer.error);
    res.status(answer.status).type(answer.contentType).send(answer.body);
  }

  private documented(app: string, res: Response): ApiUpstream | undefined {
    const known = DOCUMENTED_APPS.find((a) => a === app);
    if (!known) notFound(res, `No API docs are named "${app}": see ${DOCUMENTED_APPS.map((a) => `/docs/${a}`).join(' or ')}.`);
    return known;
  }
}

function swaggerPage(app: ApiUpstream): string {
  const other = DOCUMENTED_APPS.filter((a) => a !== app)
    .map((a) => `<a href="/docs/${a}">${a} API</a>`)
    .join(' · ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>modelstream ${app} API</title>
<link rel="icon" href="/docs/swagger-ui/favicon-32x32.png">
<link rel="stylesheet" href="/docs/swagger-ui/swagger-ui.css">
<style>body{margin:0}.portal-bar{font:14px system-ui,sans-serif;padding:8px 16px;background:#1b1f24;color:#ddd}.portal-bar a{color:#8cc4ff}</style>
</head>
<body>
<nav class="portal-bar"><a href="/">← modelstream portal</a> · ${app} API · ${other}</nav>
<div id="swagger-ui"></div>
<script src="/docs/swagger-ui/swagger-ui-bundle.js"></script>
<script>
window.ui = SwaggerUIBundle({ url: '/docs/${app}/openapi.json', dom_id: '#swagger-ui', deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis], layout: 'BaseLayout', tryItOutEnabled: false });
</script>
</body>
</html>
`;
}
