import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { findProjectRoot, parseConfig } from '@modelstream/config';
import type { ApiKeyEntity } from '@modelstream/storage';
import { generateApiKey, hashApiKey } from './api-key';
import { ApiKeyStore } from './api-key.store';
import { ApiKeyVerifier } from './api-key.verifier';

const TTL_MS = 1000;

/** The verifier over rows held in memory, counting the key store's reads (MariaDB's: test/access.e2e-spec.ts). */
class RowsInMemory extends ApiKeyVerifier {
  readonly rows = new Map<string, ApiKeyEntity>();
  reads = 0;
  constructor() {
    const env = parseEnv(readFileSync(join(findProjectRoot(), '.env.example'), 'utf8')) as Record<string, string>;
    super(parseConfig({ ...env, AUTH: 'required', AUTH_CACHE_TTL_MS: String(TTL_MS) }));
  }
  add(key: string, scopes: string): ApiKeyEntity {
    const keyHash = hashApiKey(key);
    const row = { keyId: keyHash.slice(0, 16), keyHash, name: 'k', ownerId: 'alice', scopes, revokedAt: null } as ApiKeyEntity;
    this.rows.set(row.keyId, row);
    return row;
  }
  protected override async openStore(): Promise<ApiKeyStore> {
    return {
      find: async (keyId: string) => {
        this.reads++;
        return this.rows.has(keyId) ? { ...this.rows.get(keyId)! } : null;
      },
    } as unknown as ApiKeyStore;
  }
}

describe('ApiKeyVerifier', () => {
  let now = 1_000_000;
  beforeEach(() => jest.spyOn(Date, 'now').mockImplementation(() => now));
  afterEach(() => jest.restoreAllMocks());

  it('reads a key’s row once per AUTH_CACHE_TTL_MS and answers at once meanwhile', async () => {
    const verifier = new RowsInMemory();
    const key = generateApiKey();
    verifier.add(key, 'read,predict');
    const first = verifier.verify(key);
    expect(first).toBeInstanceOf(Promise);
    expect(await first).toMatchObject({ ownerId: 'alice', scopes: ['read', 'predict'], admin: false });
    expect(verifier.verify(key)).toEqual(await first); // synchronous: no Promise
    const unknown = verifier.verify(generateApiKey());
    expect(unknown).toBeInstanceOf(Promise); // another key: its own read
    expect(await unknown).toBeNull();
    expect(verifier.reads).toBe(2);
    now += TTL_MS + 1;
    await verifier.verify(key);
    expect(verifier.reads).toBe(3);
  });

  it('lets a connection in again with the key it presented, never with another one', async () => {
    const verifier = new RowsInMemory();
    const [key, other] = [generateApiKey(), generateApiKey()];
    verifier.add(key, 'read');
    const connection = {};
    expect(await verifier.verify(key, connection)).toMatchObject({ scopes: ['read'] });
    expect(verifier.verify(key, connection)).toMatchObject({ scopes: ['read'] });
    expect(await verifier.verify(other, connection)).toBeNull();
    expect(await verifier.verify(key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A'), connection)).toBeNull();
    expect(verifier.verify(key, connection)).toMatchObject({ scopes: ['read'] });
  });

  it('refuses a revoked key once its row is read again, on a connection that was let in with it too', async () => {
    const verifier = new RowsInMemory();
    const key = generateApiKey();
    const row = verifier.add(key, 'admin');
    const connection = {};
    expect(await verifier.verify(key, connection)).toMatchObject({ admin: true });
    row.revokedAt = new Date(now);
    expect(verifier.verify(key, connection)).toMatchObject({ admin: true }); // within the kept time, as documented
    now += TTL_MS + 1;
    expect(await verifier.verify(key, connection)).toBeNull();
    expect(await verifier.verify(key, connection)).toBeNull();
  });

  it('reads a kept row again ahead of its end, answering at once meanwhile, on a connection let in before too', async () => {
    const verifier = new RowsInMemory();
    const key = generateApiKey();
    const row = verifier.add(key, 'predict');
    const connection = {};
    await verifier.verify(key, connection);
    now += TTL_MS * 0.75; // past half the kept time
    row.scopes = 'read';
    expect(verifier.verify(key, connection)).toMatchObject({ scopes: ['predict'] }); // at once, from the kept row
    await new Promise((r) => setImmediate(r));
    expect(verifier.reads).toBe(2); // its refresh started meanwhile
    now += TTL_MS * 0.5; // past the first read's end: the refreshed row answers, still at once
    expect(verifier.verify(key, connection)).toMatchObject({ scopes: ['read'] });
    expect(verifier.verify(key)).toMatchObject({ scopes: ['read'] });
    expect(verifier.reads).toBe(2);
  });

  it('reads an expired row once for all the checks that arrive before the store answers', async () => {
    const verifier = new RowsInMemory();
    const key = generateApiKey();
    verifier.add(key, 'predict');
    await verifier.verify(key);
    now += TTL_MS + 1;
    const checks = Array.from({ length: 50 }, () => verifier.verify(key, {}));
    expect(checks.every((c) => c instanceof Promise)).toBe(true);
    expect(await Promise.all(checks)).toEqual(Array(50).fill(expect.objectContaining({ scopes: ['predict'] })));
    expect(verifier.reads).toBe(2);
  });
});
