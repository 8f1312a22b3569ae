/**
 * Free-form JSON in a request body (rows of column → value, hyperparameters) kept exactly as sent. The global
 * ValidationPipe turns bodies into DTO instances with class-transformer, which walks nested plain objects: it
 * leaves out keys named `constructor` and `__proto__` (a model trained with a `constructor` column could not be
 * served, finding 5), takes a row's own `constructor` value for its class (a 500), and copies every row of a
 * large predict body. A property marked `@AsSent()` reaches class-validator as a shallow stand-in of the same
 * shape (arrays of the same length, objects as `{}`), so `@IsArray`, `@ArrayMaxSize` and `@IsObject({ each })`
 * still hold, and the DTO then gets the body's own value.
 */
import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';

const AS_SENT = Symbol('modelstream:as-sent');

/** Property decorator: the DTO property holds the body's own value, never class-transformer's copy. */
export function AsSent(): PropertyDecorator {
  return (prototype, key) => {
    const inherited = asSentKeys(prototype.constructor);
    Reflect.defineMetadata(AS_SENT, [...inherited, key], prototype.constructor);
  };
}

function asSentKeys(type: unknown): (string | symbol)[] {
  return typeof type === 'function' ? ((Reflect.getMetadata(AS_SENT, type) as (string | symbol)[] | undefined) ?? []) : [];
}

/** The same shape, one level deep: what class-validator looks at, with nothing for class-transformer to walk. */
export function shallowStandIn(value: unknown): unknown {
  const standIn = (v: unknown): unknown => (v !== null && typeof v === 'object' ? (Array.isArray(v) ? [] : {}) : v);
  return Array.isArray(value) ? value.map(standIn) : standIn(value);
}

/** The app-wide ValidationPipe, with `@AsSent()` properties of a body handed over untouched. */
export class AsSentValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const keys = asSentKeys(metadata.type === 'body' ? metadata.metatype : undefined);
    if (keys.length === 0 || value === null || typeof value !== 'object' || Array.isArray(value)) {
      return super.transform(value, metadata);
    }
    const sent = value as Record<string | symbol, unknown>;
    const standIn: Record<string | symbol, unknown> = { ...sent };
    for (const key of keys) if (key in sent) standIn[key] = shallowStandIn(sent[key]);
    const dto = (await super.transform(standIn, metadata)) as Record<string | symbol, unknown>;
    for (const key of keys) if (Object.hasOwn(sent, key)) dto[key] = sent[key];
    return dto;
  }
}
