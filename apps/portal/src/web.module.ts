import { Module } from '@nestjs/common';
import { WebController } from './web.controller';

/** The single-page app. The portal imports it last, so its catch-all route comes after every other route. */
@Module({ controllers: [WebController] })
export class WebModule {}
