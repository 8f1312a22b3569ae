import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyVerifier } from './api-key.verifier';
import { AuditTrail } from './audit-trail';
import { KeyLimits, RateLimitGuard } from './rate-limit';
import { AuthGuard } from './auth.guard';

/**
 * Access control of an app: the key verifier, the global AuthGuard and the audit trail (import it once, in the app
 * module; the audit trail needs KafkaModule).
 */
@Global()
@Module({
  providers: [ApiKeyVerifier, AuditTrail, KeyLimits, RateLimitGuard, AuthGuard, { provide: APP_GUARD, useExisting: AuthGuard }],
  exports: [ApiKeyVerifier, AuditTrail, KeyLimits, RateLimitGuard, AuthGuard],
})
export class AuthModule {}
