import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyVerifier } from './api-key.verifier';
import { AuthGuard } from './auth.guard';

/** Access control of an app: the key verifier and the global AuthGuard (import it once, in the app module). */
@Global()
@Module({
  providers: [ApiKeyVerifier, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [ApiKeyVerifier],
})
export class AuthModule {}
