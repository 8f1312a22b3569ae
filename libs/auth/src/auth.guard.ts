/**
 * The global guard: every HTTP route needs a key with its scope (`@NeedsScope`, admin when undeclared) unless it
 * is `@Public`. AUTH=off lets every request through as LOCAL_PRINCIPAL. 401 without a key or with a bad one,
 * 403 with a key that lacks the scope; the Principal goes on the request for `@Caller()` and the logs.
 */
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { IncomingMessage } from 'node:http';
import { AppConfig } from '@modelstream/config';
import { ForbiddenError, UnauthorizedError } from '@modelstream/contracts';
import { bearerKeyOf } from './api-key';
import { ApiKeyVerifier } from './api-key.verifier';
import { ANY_SCOPE, PUBLIC_KEY, RequestWithPrincipal, SCOPE_KEY } from './auth.decorators';
import { PerRoute } from './per-route';
import { LOCAL_PRINCIPAL, Principal } from './principal';
import { Scope, scopeAllows } from './scopes';

@Injectable()
export class AuthGuard implements CanActivate {
  /** A route's `@Public` and `@NeedsScope` (admin when undeclared). */
  private readonly access: PerRoute<{ open: true | ((c: AppConfig) => boolean) | undefined; needed: Scope | typeof ANY_SCOPE }>;

  constructor(
    reflector: Reflector,
    private readonly config: AppConfig,
    private readonly verifier: ApiKeyVerifier,
  ) {
    this.access = new PerRoute((targets) => ({
      open: reflector.getAllAndOverride<true | ((c: AppConfig) => boolean) | undefined>(PUBLIC_KEY, targets),
      needed: reflector.getAllAndOverride<Scope | typeof ANY_SCOPE | undefined>(SCOPE_KEY, targets) ?? 'admin',
    }));
  }

  /** Synchronous when the key's check is kept (ApiKeyVerifier): Nest then runs the route without awaiting the guard. */
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType() !== 'http') return true; // Kafka handlers: the broker is inside the trust boundary
    const { open, needed } = this.access.of(context);
    const req = context.switchToHttp().getRequest<RequestWithPrincipal & { headers: Record<string, string | string[] | undefined> }>();
    if (open === true || (typeof open === 'function' && open(this.config))) return true;
    if (this.config.AUTH === 'off') {
      req.principal = LOCAL_PRINCIPAL;
      return true;
    }
    const key = bearerKeyOf(req.headers.authorization);
    if (key === undefined) {
      throw new UnauthorizedError(
        'This request needs an API key: send it as "Authorization: Bearer <key>" (an admin creates keys with npm run keys -- create).',
      );
    }
    if (key === null) throw new UnauthorizedError('The Authorization header must read "Bearer <key>", the key on one line without spaces.');
    const verified = this.verifier.verify(key, connectionOf(req));
    return verified instanceof Promise ? verified.then((principal) => admit(req, principal, needed)) : admit(req, verified, needed);
  }
}

/** The request's connection: Node's socket under fastify's request or express's. */
function connectionOf(req: object): object | undefined {
  return ((req as { raw?: IncomingMessage }).raw ?? (req as Partial<IncomingMessage>)).socket ?? undefined;
}

function admit(req: RequestWithPrincipal, principal: Principal | null, needed: Scope | typeof ANY_SCOPE): true {
  if (!principal) {
    throw new UnauthorizedError(
      'This API key is not valid or was revoked: check the key you send (MODELSTREAM_API_KEY), or ask an admin for a new one.',
    );
  }
  if (needed !== ANY_SCOPE && !scopeAllows(principal.scopes, needed)) {
    throw new ForbiddenError(
      `This key ("${principal.keyName}") lacks the "${needed}" scope this request needs; ask an admin for a key with it.`,
      {
        needed,
        scopes: principal.scopes,
      },
    );
  }
  req.principal = principal;
  return true;
}
