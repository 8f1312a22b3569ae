/**
 * What a guard reads from a route's decorators, read once per route: the metadata never changes once the classes
 * are declared, and reflect-metadata's lookups on every request (two targets, each up its prototype chain) were a
 * few percent of a one-row prediction's CPU (bench/inference).
 */
import type { ExecutionContext, Type } from '@nestjs/common';

/** What `ExecutionContext` names a route by (and reflector.getAllAndOverride takes): its handler and its class. */
export type RouteTargets = [ReturnType<ExecutionContext['getHandler']>, Type];

export class PerRoute<T> {
  /** By handler, then by class: an inherited handler serves more than one controller. */
  private readonly cache = new WeakMap<RouteTargets[0], WeakMap<Type, T>>();

  constructor(private readonly read: (targets: RouteTargets) => T) {}

  of(context: ExecutionContext): T {
    const handler = context.getHandler();
    const type = context.getClass();
    let byClass = this.cache.get(handler);
    if (byClass === undefined) this.cache.set(handler, (byClass = new WeakMap()));
    if (byClass.has(type)) return byClass.get(type)!;
    const value = this.read([handler, type]);
    byClass.set(type, value);
    return value;
  }
}
