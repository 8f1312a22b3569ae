import type { ExecutionContext } from '@nestjs/common';
import { PerRoute, RouteTargets } from './per-route';

const contextOf = (handler: RouteTargets[0], type: RouteTargets[1]) =>
  ({ getHandler: () => handler, getClass: () => type }) as unknown as ExecutionContext;

describe('PerRoute', () => {
  class Base {
    shared(): void {}
    other(): void {}
  }
  class Derived extends Base {}

  it('reads a route once, however many requests ask', () => {
    const read = jest.fn(([handler]: RouteTargets) => (handler === Base.prototype.shared ? 'predictions' : undefined));
    const kinds = new PerRoute(read);
    for (let i = 0; i < 3; i++) expect(kinds.of(contextOf(Base.prototype.shared, Base))).toBe('predictions');
    expect(kinds.of(contextOf(Base.prototype.other, Base))).toBeUndefined();
    expect(kinds.of(contextOf(Base.prototype.other, Base))).toBeUndefined(); // an undefined answer is kept too
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('keeps an inherited handler apart for each class that serves it', () => {
    const kinds = new PerRoute(([, type]: RouteTargets) => (type === Derived ? 'derived' : 'base'));
    expect(kinds.of(contextOf(Base.prototype.shared, Base))).toBe('base');
    expect(kinds.of(contextOf(Base.prototype.shared, Derived))).toBe('derived');
  });
});
