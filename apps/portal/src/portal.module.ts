import { Module } from '@nestjs/common';
import { ConfigModule } from '@modelstream/config';
import { LoggingModule } from '@modelstream/logging';
import { ApiDocsService } from './api-docs.service';
import { DocsController } from './docs.controller';
import { PortalHealthModule } from './portal-health.module';
import { ProxyController } from './proxy.controller';
import { Upstreams } from './upstreams.service';
import { WebModule } from './web.module';

@Module({
  // WebModule last: its catch-all route is registered after every other route
  imports: [ConfigModule, LoggingModule.forApp('portal'), PortalHealthModule, WebModule],
  controllers: [ProxyController, DocsController],
  providers: [Upstreams, ApiDocsService],
})
export class PortalModule {}
