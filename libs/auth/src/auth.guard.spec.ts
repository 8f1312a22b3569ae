import { Controller, ExecutionContext, Get } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { AppConfig, findProjectRoot, parseConfig } from '@modelstream/config';
import { ForbiddenError, UnauthorizedError } from '@modelstream/contracts';
import { generateApiKey } from './api-key';
import { ApiKeyVerifier } from './api-key.verifier';
import { NeedsScope, Public, RequestWithPrincipal } from './auth.decorators';
import { AuthGuard } from './auth.guard';
import { LOCAL_PRINCIPAL, Principal } from './principal';

@NeedsScope('read')
@Controller('things')
class ThingsController {
  @Get() list(): void {}
  @NeedsScope('train') @Get('make') make(): void {}
  @Public() @Get('health') health(): void {}
  @Public((c) => c.METRICS_PUBLIC) @Get('metrics') metrics(): void {}
}

@Controller('ops')
class UndeclaredController {
  @Get() run(): void {}
}

/** The guard's rules over keys held in memory (the MariaDB lookup is covered by test/access.e2e-spec.ts). */
class KeysInMemory extends ApiKeyVerifier {
  readonly keys = new Map<string, Principal>();
  override async verify(key: string): Promise<Principal | null> {
    return this.keys.get(key) ?? null;
  }
}

const config = (env: Record<string, string>): AppConfig =>
  parseConfig({ ...(parseEnv(readFileSync(join(findProjectRoot(), '.env.example'), 'utf8')) as Record<string, string>), ...env });

function context(
  handler: keyof ThingsController | 'run',
  headers: Record<string, string> = {},
): { ctx: ExecutionContext; req: RequestWithPrincipal } {
  const cls = handler === 'run' ? UndeclaredController : ThingsController;
  const req: RequestWithPrincipal & { headers: Record<string, string> } = { headers };
  const ctx = {
    getType: () => 'http',
    getClass: () => cls,
    getHandler: () => (cls.prototype as unknown as Record<string, () => void>)[handler],
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
  return { ctx, req };
}

describe('AuthGuard', () => {
  const required = config({ AUTH: 'required', METRICS_PUBLIC: 'false' });
  const verifier = new KeysInMemory(required);
  const guard = new AuthGuard(new Reflector(), required, verifier);
  const reader = generateApiKey();
  const admin = generateApiKey();
  verifier.keys.set(reader, { ownerId: 'alice', scopes: ['read'], keyId: 'aaaaaaaaaaaaaaaa', keyName: 'alice-read', admin: false });
  verifier.keys.set(admin, { ownerId: 'ops', scopes: ['admin'], keyId: 'bbbbbbbbbbbbbbbb', keyName: 'ops', admin: true });
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
  /** The guard's answer as a promise: it answers at once (or throws) when it needs no lookup. */
  const check = (g: AuthGuard, ctx: ExecutionContext) => Promise.resolve().then(() => g.canActivate(ctx));

  it('lets a key with the route’s scope through and puts its principal on the request', async () => {
    const { ctx, req } = context('list', bearer(reader));
    await expect(check(guard, ctx)).resolves.toBe(true);
    expect(req.principal?.ownerId).toBe('alice');
  });

  it('answers 401 without a key, with a malformed header, or with an unknown key', async () => {
    await expect(check(guard, context('list').ctx)).rejects.toThrow(UnauthorizedError);
    await expect(check(guard, context('list', { authorization: 'Basic abc' }).ctx)).rejects.toThrow('must read "Bearer <key>"');
    await expect(check(guard, context('list', bearer(generateApiKey())).ctx)).rejects.toThrow('not valid or was revoked');
  });

  it('answers 403 to a key without the scope, naming the scope; admin keys pass everywhere', async () => {
    await expect(check(guard, context('make', bearer(reader)).ctx)).rejects.toThrow(
      new ForbiddenError('This key ("alice-read") lacks the "train" scope this request needs; ask an admin for a key with it.'),
    );
    await expect(check(guard, context('make', bearer(admin)).ctx)).resolves.toBe(true);
  });

  it('needs an admin key on a route that declares no scope', async () => {
    await expect(check(guard, context('run', bearer(reader)).ctx)).rejects.toThrow('lacks the "admin" scope');
    await expect(check(guard, context('run', bearer(admin)).ctx)).resolves.toBe(true);
  });

  it('opens public routes to anyone, and /metrics as METRICS_PUBLIC says', async () => {
    await expect(check(guard, context('health').ctx)).resolves.toBe(true);
    await expect(check(guard, context('metrics').ctx)).rejects.toThrow(UnauthorizedError);
    const open = new AuthGuard(new Reflector(), config({ AUTH: 'required', METRICS_PUBLIC: 'true' }), verifier);
    await expect(check(open, context('metrics').ctx)).resolves.toBe(true);
  });

  it('answers at once when the verifier does (a kept check), refusals included', () => {
    const atOnce = new (class extends ApiKeyVerifier {
      override verify(key: string): Principal | null {
        return verifier.keys.get(key) ?? null;
      }
    })(required);
    const g = new AuthGuard(new Reflector(), required, atOnce);
    const { ctx, req } = context('list', bearer(reader));
    expect(g.canActivate(ctx)).toBe(true);
    expect(req.principal?.keyName).toBe('alice-read');
    expect(() => g.canActivate(context('make', bearer(reader)).ctx)).toThrow(ForbiddenError);
  });

  it('with AUTH=off lets everything through as the one local owner', async () => {
    const off = new AuthGuard(new Reflector(), config({ AUTH: 'off' }), verifier);
    const { ctx, req } = context('run');
    expect(off.canActivate(ctx)).toBe(true); // at once
    expect(req.principal).toBe(LOCAL_PRINCIPAL);
  });
});
