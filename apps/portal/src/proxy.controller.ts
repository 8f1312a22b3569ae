/**
 * `/api/...` to ingest or inference by path (routing.ts), `/ping` to inference, and `/health/<app>` to that app's /health, status
 * and body as the app answered them. Both stream through Upstreams: nothing is parsed or buffered here.
 */
import { All, Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { apiUpstreamOf, UPSTREAMS } from './routing';
import { Upstreams } from './upstreams.service';
import { notFound } from './web-root';

@ApiExcludeController()
@Controller()
export class ProxyController {
  constructor(private readonly upstreams: Upstreams) {}

  @All('api{/*path}')
  api(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.upstreams.forward(apiUpstreamOf(req.path), req, res);
  }

  /** The MLflow scoring protocol's ping, beside /api/models/…/invocations. */
  @Get('ping')
  ping(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.upstreams.forward('inference', req, res);
  }

  @Get('health/:app')
  health(@Param('app') app: string, @Req() req: Request, @Res() res: Response): Promise<void> | void {
    const upstream = UPSTREAMS.find((u) => u === app);
    if (!upstream) return notFound(res, `No app is named "${app}": ask /health/${UPSTREAMS.join(', /health/')}.`);
    req.url = '/health';
    return this.upstreams.forward(upstream, req, res);
  }
}
