import { API_KEY_PREFIX, apiKeyMatches, bearerKeyOf, generateApiKey, hashApiKey, keyIdOf } from './api-key';

describe('API keys', () => {
  it('are msk_ and 256 random bits, never the same twice', () => {
    const keys = Array.from({ length: 200 }, generateApiKey);
    for (const key of keys) expect(key).toMatch(/^msk_[A-Za-z0-9_-]{43}$/);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys[0].startsWith(API_KEY_PREFIX)).toBe(true);
  });

  it('are found by the first 16 hex digits of their SHA-256', () => {
    const key = generateApiKey();
    expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(keyIdOf(key)).toBe(hashApiKey(key).slice(0, 16));
  });

  it('match only their own hash', () => {
    const key = generateApiKey();
    expect(apiKeyMatches(key, hashApiKey(key))).toBe(true);
    expect(apiKeyMatches(`${key}x`, hashApiKey(key))).toBe(false);
    expect(apiKeyMatches(key, hashApiKey(generateApiKey()))).toBe(false);
    expect(apiKeyMatches(key, 'abcd')).toBe(false);
  });

  it.each([
    [undefined, undefined],
    ['', undefined],
    ['Bearer msk_abc', 'msk_abc'],
    ['bearer   msk_abc  ', 'msk_abc'],
    ['Basic dXNlcjpwYXNz', null],
    ['Bearer', null],
    ['Bearer two words', null],
    [['Bearer a', 'Bearer b'], null],
    [`Bearer ${'x'.repeat(513)}`, null],
  ])('read from the Authorization header %p as %p', (header, key) => {
    expect(bearerKeyOf(header as string | string[] | undefined)).toBe(key);
  });
});
