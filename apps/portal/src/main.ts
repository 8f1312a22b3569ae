import 'reflect-metadata';
import { bootstrap } from '@modelstream/platform';
import { PortalModule } from './portal.module';

void bootstrap(PortalModule, {
  platform: 'express',
  service: 'portal',
  title: 'modelstream portal',
  description: 'The web app, and the one origin that forwards /api/... to ingest and inference',
  port: (c) => c.PORTAL_PORT,
  host: (c) => c.PORTAL_HOST,
  // its own pages only: the apps' docs are under /docs/<app>; bodies stream through to the apps unparsed
  openApi: false,
  bodyParser: false,
  cors: false,
});
