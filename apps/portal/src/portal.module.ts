import { Module } from '@nestjs/common';
import { ConfigModule } from '@modelstream/config';
import { LoggingModule } from '@modelstream/logging';
import { DocsController } from './docs.controller';
import { PortalHealthModule } from './portal-health';
import { ProxyController } from './proxy.controller';
import { Upstreams } from './upstreams';
import { WebModule } from './web.controller';

@Module({
  // WebModule last: its catch-all route is registered after every other route
  imports: [ConfigModule, LoggingModule.forApp('portal'), PortalHealthModule, WebModule],
  controllers: [ProxyController, DocsController],
  providers: [Upstreams],
})
export class PortalModule {}
