/**
 * A JSON body nested deeper than MAX_JSON_DEPTH is refused before it is parsed (400): nothing the APIs take
 * nests more than a few levels, and a body of 20,000 `[` would exhaust the stack of whatever walks it next.
 * One pass over the bytes, outside strings.
 */
export const MAX_JSON_DEPTH = 32;

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The deepest nesting of objects and arrays in a JSON text, stopping once it passes `limit`. */
export function jsonDepth(bytes: Uint8Array, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) inString = true;
    else if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
      if (++depth > deepest && (deepest = depth) > limit) return deepest;
    } else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) depth--;
  }
  return deepest;
}

export const deepJsonMessage = (): string =>
  `The JSON body is nested more than ${MAX_JSON_DEPTH} levels deep; no request of this API nests that far. Send a flatter body.`;

/** Express's body parser's `verify` hook: throws a 400 for a body nested too deep. */
export function refuseDeepJson(_req: unknown, _res: unknown, buf: Buffer): void {
  if (jsonDepth(buf) > MAX_JSON_DEPTH) {
    throw Object.assign(new Error(deepJsonMessage()), { status: 400, statusCode: 400, expose: true, type: 'entity.too.deep' });
  }
}
