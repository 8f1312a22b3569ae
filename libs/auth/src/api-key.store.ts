/**
 * The API keys in MariaDB (table api_keys): create, list, revoke, find. Used by the keys CLI, by ingest for the
 * ADMIN_API_KEY bootstrap, and by every app's verifier (find only).
 */
import { DataSource, IsNull } from 'typeorm';
import { ConflictError, InvalidInputError, NotFoundError } from '@modelstream/contracts';
import { ApiKeyEntity } from '@modelstream/storage';
import { generateApiKey, hashApiKey, keyIdOf } from './api-key';
import { Scope } from './scopes';

/** A key as it can be shown: everything but its hash. */
export interface ApiKeyRecord {
  keyId: string;
  name: string;
  ownerId: string;
  scopes: Scope[];
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export interface NewApiKey {
  name: string;
  /** Default: the name. */
  ownerId?: string;
  scopes: Scope[];
  createdBy: string;
  /** A key chosen by the operator (ADMIN_API_KEY); default: a new random one. */
  key?: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/;

function checkName(what: string, value: string): string {
  if (!NAME.test(value)) {
    throw new InvalidInputError(
      `The ${what} "${value}" is not valid: use 1–128 letters, digits, ".", "_", "@" or "-", starting with a letter or digit.`,
    );
  }
  return value;
}

export function toRecord(row: ApiKeyEntity): ApiKeyRecord {
  return {
    keyId: row.keyId,
    name: row.name,
    ownerId: row.ownerId,
    scopes: row.scopes.split(',') as Scope[],
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    revokedAt: row.revokedAt,
  };
}

export class ApiKeyStore {
  constructor(private readonly ds: DataSource) {}

  private get repo() {
    return this.ds.getRepository(ApiKeyEntity);
  }

  /**
   * Stores a new key and answers it — the only time the key itself is seen. A chosen key already stored
   * answers its row again (a restarted ingest re-registers ADMIN_API_KEY as a no-op; a revoked one stays revoked).
   */
  async create(input: NewApiKey): Promise<{ key: string; record: ApiKeyRecord; created: boolean }> {
    const name = checkName('key name', input.name);
    const ownerId = checkName('owner', input.ownerId ?? input.name);
    const key = input.key ?? generateApiKey();
    const keyId = keyIdOf(key);
    const existing = await this.repo.findOneBy({ keyId });
    if (existing) {
      if (existing.keyHash !== hashApiKey(key)) throw new ConflictError('Another key has the same id; generate a new key.');
      return { key, record: toRecord(existing), created: false };
    }
    const row = this.repo.create({
      keyId,
      keyHash: hashApiKey(key),
      name,
      ownerId,
      scopes: input.scopes.join(','),
      createdBy: input.createdBy,
      createdAt: new Date(),
      revokedAt: null,
    });
    await this.repo.insert(row);
    return { key, record: toRecord(row), created: true };
  }

  /** Every key, newest first; revoked ones only when asked. */
  async list(options: { includeRevoked?: boolean } = {}): Promise<ApiKeyRecord[]> {
    const rows = await this.repo.find({
      where: options.includeRevoked ? {} : { revokedAt: IsNull() },
      order: { createdAt: 'DESC', keyId: 'ASC' },
    });
    return rows.map(toRecord);
  }

  /** Revokes the key with this id, or the one live key with this name. */
  async revoke(idOrName: string): Promise<ApiKeyRecord> {
    const byId = /^[0-9a-f]{16}$/.test(idOrName) ? await this.repo.findOneBy({ keyId: idOrName }) : null;
    const rows = byId ? [byId] : await this.repo.findBy({ name: idOrName, revokedAt: IsNull() });
    if (rows.length === 0) throw new NotFoundError(`No live key has the id or name "${idOrName}"; list them with npm run keys -- list.`);
    if (rows.length > 1) {
      throw new ConflictError(
        `${rows.length} live keys are named "${idOrName}": revoke one by its id (${rows.map((r) => r.keyId).join(', ')}).`,
      );
    }
    const row = rows[0];
    if (!row.revokedAt) {
      row.revokedAt = new Date();
      await this.repo.update({ keyId: row.keyId }, { revokedAt: row.revokedAt });
    }
    return toRecord(row);
  }

  /** The stored row of a key id (hash included), or null. */
  find(keyId: string): Promise<ApiKeyEntity | null> {
    return this.repo.findOneBy({ keyId });
  }
}
