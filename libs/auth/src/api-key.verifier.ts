/**
 * Checks presented keys against MariaDB: the row found by the key's id, its whole hash compared in constant
 * time, refused when revoked. Answers (found or not) are kept AUTH_CACHE_TTL_MS, so a request costs one hash
 * and a map lookup, and a revocation takes effect within that time. The connection (its own small pool, on the
 * api_keys table only) opens on the first check: with AUTH=off an app never connects for keys.
 */
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@modelstream/config';
import { DependencyUnavailableError } from '@modelstream/contracts';
import { ApiKeyEntity, LazyDataSource } from '@modelstream/storage';
import { apiKeyMatches, hashApiKey } from './api-key';
import { ApiKeyStore } from './api-key.store';
import { Principal } from './principal';
import { Scope } from './scopes';

const MAX_CACHED = 10_000;

@Injectable()
export class ApiKeyVerifier implements OnApplicationShutdown {
  private readonly db: LazyDataSource;
  private readonly cache = new Map<string, { row: ApiKeyEntity | null; until: number }>();

  constructor(private readonly config: AppConfig) {
    this.db = LazyDataSource.reading(config, [ApiKeyEntity]);
  }

  /** The principal of a valid, live key; null for an unknown, wrong or revoked one. */
  async verify(key: string): Promise<Principal | null> {
    const keyHash = hashApiKey(key); // once: the id is its first 16 digits (keyIdOf), the rest is compared
    const row = await this.rowOf(keyHash.slice(0, 16));
    if (!row || row.revokedAt || !apiKeyMatches(key, row.keyHash, keyHash)) return null;
    const scopes = row.scopes.split(',') as Scope[];
    return { ownerId: row.ownerId, scopes, keyId: row.keyId, keyName: row.name, admin: scopes.includes('admin') };
  }

  private async rowOf(keyId: string): Promise<ApiKeyEntity | null> {
    const now = Date.now();
    const hit = this.cache.get(keyId);
    if (hit && hit.until > now) return hit.row;
    let row: ApiKeyEntity | null;
    try {
      row = await (await this.openStore()).find(keyId);
    } catch {
      throw new DependencyUnavailableError(
        'mariadb',
        'API keys cannot be checked right now: the key store is not reachable. Retry in a few seconds.',
      );
    }
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(keyId, { row, until: now + this.config.AUTH_CACHE_TTL_MS });
    return row;
  }

  private async openStore(): Promise<ApiKeyStore> {
    return new ApiKeyStore(await this.db.get());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}
