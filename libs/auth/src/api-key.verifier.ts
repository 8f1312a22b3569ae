/**
 * Checks presented keys against MariaDB: the row found by the key's id, its whole hash compared in constant
 * time, refused when revoked. Answers (found or not) are kept AUTH_CACHE_TTL_MS and read again ahead of their end
 * (RefreshingCache), so a request costs one hash and a map lookup, never a wait while traffic is steady, and a
 * revocation takes effect within that time. A connection that presents the key it was let in with before, while
 * that row is kept, costs no hash at all: the key it sent is compared in constant time (a fifth of a status read's
 * CPU time at 50 connections goes to the check otherwise; bench/status). A check whose answer is kept is
 * synchronous. The connection (its own small pool, on the api_keys table only) opens on the first check: with
 * AUTH=off an app never connects for keys.
 */
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { AppConfig } from '@modelstream/config';
import { DependencyUnavailableError } from '@modelstream/contracts';
import { Kept, RefreshingCache } from '@modelstream/resilience';
import { ApiKeyEntity, LazyDataSource } from '@modelstream/storage';
import { apiKeyMatches, hashApiKey } from './api-key';
import { ApiKeyStore } from './api-key.store';
import { Principal } from './principal';
import { Scope } from './scopes';

/** A key id's stored row as last read, and the principal of its key (null: none, or revoked). */
interface KnownKey {
  row: ApiKeyEntity | null;
  principal: Principal | null;
}

/** The key a connection was last let in with, while its row is kept as it was then. */
interface ConnectionKey {
  key: Buffer;
  keyId: string;
  known: Kept<KnownKey>;
}

/** A check's answer: at once while it is kept, else once the key store has answered. */
export type Verified = Principal | null | Promise<Principal | null>;

function principalOf(row: ApiKeyEntity | null): Principal | null {
  if (!row || row.revokedAt) return null;
  const scopes = row.scopes.split(',') as Scope[];
  return Object.freeze({ ownerId: row.ownerId, scopes, keyId: row.keyId, keyName: row.name, admin: scopes.includes('admin') });
}

@Injectable()
export class ApiKeyVerifier implements OnApplicationShutdown {
  private readonly db: LazyDataSource;
  private readonly kept: RefreshingCache<KnownKey>;
  private readonly connections = new WeakMap<object, ConnectionKey>();

  constructor(config: AppConfig) {
    this.db = LazyDataSource.reading(config, [ApiKeyEntity]);
    this.kept = new RefreshingCache({ ttlMs: config.AUTH_CACHE_TTL_MS, load: (keyId) => this.read(keyId) });
  }

  /**
   * The principal of a valid, live key; null for an unknown, wrong or revoked one. `connection` (the request's
   * socket) remembers the key it was let in with, for as long as the key's row is kept as it was then.
   */
  verify(key: string, connection?: object): Verified {
    const remembered = connection && this.connections.get(connection);
    if (remembered && this.kept.peek(remembered.keyId) === remembered.known) {
      const presented = Buffer.from(key, 'latin1');
      if (presented.length === remembered.key.length && timingSafeEqual(presented, remembered.key)) return remembered.known.value.principal;
    }
    const keyHash = hashApiKey(key); // once: the id is its first 16 digits (keyIdOf), the rest is compared
    const keyId = keyHash.slice(0, 16);
    const answer = (known: KnownKey): Principal | null => {
      if (!known.principal || !apiKeyMatches(key, known.row!.keyHash, keyHash)) return null;
      const kept = connection && this.kept.peek(keyId);
      if (kept && kept.value === known) this.connections.set(connection, { key: Buffer.from(key, 'latin1'), keyId, known: kept });
      return known.principal;
    };
    const known = this.kept.get(keyId);
    return known instanceof Promise ? known.then(answer) : answer(known);
  }

  private async read(keyId: string): Promise<KnownKey> {
    let row: ApiKeyEntity | null;
    try {
      row = await (await this.openStore()).find(keyId);
    } catch {
      throw new DependencyUnavailableError(
        'mariadb',
        'API keys cannot be checked right now: the key store is not reachable. Retry in a few seconds.',
      );
    }
    return { row, principal: principalOf(row) };
  }

  protected async openStore(): Promise<ApiKeyStore> {
    return new ApiKeyStore(await this.db.get());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}
