/**
 * Route metadata of access control: `@NeedsScope('train')` (the route needs a key with that scope; shown in the
 * OpenAPI document as bearer security with `x-scope`), `@NeedsKey()` (any valid key), `@Public()` (no key: health, ping, docs), and
 * `@Caller()`, the request's Principal. A route with neither decorator needs an admin key.
 */
import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import type { AppConfig } from '@modelstream/config';
import { LOCAL_PRINCIPAL, Principal } from './principal';
import { Scope } from './scopes';

export const SCOPE_KEY = 'modelstream:scope';
export const PUBLIC_KEY = 'modelstream:public';
/** The `@NeedsKey` marker: any valid key passes. */
export const ANY_SCOPE = 'any';
/** The name of the bearer security scheme in the OpenAPI documents. */
export const BEARER_SCHEME = 'api-key';

/** The route needs a key with this scope (or admin). */
export const NeedsScope = (scope: Scope): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(SCOPE_KEY, scope), ApiBearerAuth(BEARER_SCHEME), ApiExtension('x-scope', scope));

/** The route needs a valid key, whatever its scopes (e.g. "who am I"). */
export const NeedsKey = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(SCOPE_KEY, ANY_SCOPE), ApiBearerAuth(BEARER_SCHEME), ApiExtension('x-scope', ANY_SCOPE));

/** The route answers without a key — always, or when `when(config)` says so (e.g. METRICS_PUBLIC). */
export const Public = (when: true | ((config: AppConfig) => boolean) = true): MethodDecorator & ClassDecorator =>
  SetMetadata(PUBLIC_KEY, when);

export interface RequestWithPrincipal {
  principal?: Principal;
}

/** The Principal the guard put on the request (LOCAL_PRINCIPAL with AUTH=off). */
export const callerOf = (request: object): Principal => (request as RequestWithPrincipal).principal ?? LOCAL_PRINCIPAL;

/** `@Caller()`: the request's Principal (callerOf). */
export const Caller = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => callerOf(ctx.switchToHttp().getRequest()));
