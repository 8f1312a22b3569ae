/**
 * API keys as values: high-entropy random strings (`msk_` + 256 random bits, base64url) that are never stored,
 * only their SHA-256. The hash's first 16 hex digits (`keyId`) find the stored row; the whole hash is then
 * compared in constant time, so the time a check takes says nothing about how close a guess was.
 */
import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

export const API_KEY_PREFIX = 'msk_';

/** A new key: `msk_` and 43 base64url characters (32 random bytes). */
export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** SHA-256 of the key, hex (the one-shot `crypto.hash`: a third of createHash's cost, and it runs per request). */
export function hashApiKey(key: string): string {
  return hash('sha256', key, 'hex');
}

/** The row id of a key: the first 16 hex digits of its hash (safe to show, log and pass to `revoke`). */
export function keyIdOf(key: string): string {
  return hashApiKey(key).slice(0, 16);
}

/** Whether `key` (or its hash, `hashApiKey(key)`, when the caller has it) hashes to `storedHash` (hex), compared in constant time. */
export function apiKeyMatches(key: string, storedHash: string, keyHash = hashApiKey(key)): boolean {
  const presented = Buffer.from(keyHash, 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return stored.length === presented.length && timingSafeEqual(presented, stored);
}

/**
 * The key of an `Authorization: Bearer <key>` header; undefined when there is no header, `null` when there is
 * one in another form (the caller says how to send it).
 */
export function bearerKeyOf(header: string | string[] | undefined): string | null | undefined {
  if (header === undefined || header === '') return undefined;
  if (Array.isArray(header)) return null;
  const match = /^Bearer[ ]+([\x21-\x7e]{1,512})[ ]*$/i.exec(header);
  return match ? match[1] : null;
}
