import { jsonDepth, MAX_JSON_DEPTH, refuseDeepJson } from './json-depth';

const bytes = (text: string) => Buffer.from(text);

describe('jsonDepth', () => {
  it('counts nested objects and arrays, not brackets inside strings', () => {
    expect(jsonDepth(bytes('{"a":1}'))).toBe(1);
    expect(jsonDepth(bytes('{"features":[{"x":[1,2]}]}'))).toBe(4);
    expect(jsonDepth(bytes('{"s":"[[[[{{{{\\"]]"}'))).toBe(1);
    expect(jsonDepth(bytes('42'))).toBe(0);
  });

  it('stops as soon as the limit is passed', () => {
    expect(jsonDepth(bytes('['.repeat(20_000)))).toBe(MAX_JSON_DEPTH + 1);
  });

  it('refuses a body deeper than the limit with a 400 that says what to do', () => {
    expect(() => refuseDeepJson(null, null, bytes(`{"features":${'['.repeat(40)}${']'.repeat(40)}}`))).toThrow(
      expect.objectContaining({ status: 400, message: expect.stringContaining('Send a flatter body') }),
    );
    expect(() => refuseDeepJson(null, null, bytes('{"features":[[1,2],[3,4]]}'))).not.toThrow();
  });
});
