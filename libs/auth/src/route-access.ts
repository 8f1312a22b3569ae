/**
 * Every HTTP route of an app module and what it asks of a caller, read from the decorators (no app started):
 * the routes that declare neither `@NeedsScope` nor `@Public` are the ones the guard would silently make admin-only.
 */
import { MODULE_METADATA, PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { RequestMethod, Type } from '@nestjs/common';
import { PUBLIC_KEY, SCOPE_KEY } from './auth.decorators';

export interface RouteAccess {
  route: string;
  scope?: string;
  public: boolean;
}

function modulesOf(root: unknown, seen = new Set<unknown>()): unknown[] {
  const mod = (root as { module?: unknown })?.module ?? root;
  if (!mod || seen.has(mod)) return [];
  seen.add(mod);
  const imports = [
    ...((Reflect.getMetadata(MODULE_METADATA.IMPORTS, mod as object) as unknown[]) ?? []),
    ...(((root as { imports?: unknown[] }).imports as unknown[]) ?? []),
  ];
  return [root, ...imports.flatMap((m) => modulesOf(m, seen))];
}

export function routeAccess(appModule: Type): RouteAccess[] {
  const controllers = new Set<Type>();
  for (const m of modulesOf(appModule)) {
    const mod = (m as { module?: object }).module ?? (m as object);
    const declared = [
      ...((Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, mod) as Type[]) ?? []),
      ...(((m as { controllers?: Type[] }).controllers as Type[]) ?? []),
    ];
    for (const c of declared) controllers.add(c);
  }
  const routes: RouteAccess[] = [];
  for (const controller of controllers) {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = (controller.prototype as Record<string, unknown>)[name];
      if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const open = Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, controller);
      routes.push({
        route: `${method} /${[base, String(Reflect.getMetadata(PATH_METADATA, handler) ?? '')].filter((p) => p && p !== '/').join('/')}`,
        scope: Reflect.getMetadata(SCOPE_KEY, handler) ?? Reflect.getMetadata(SCOPE_KEY, controller),
        public: open !== undefined,
      });
    }
  }
  return routes;
}
