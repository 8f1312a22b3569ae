/**
 * npm run keys -- <command>
 *
 * Manages the API keys in MariaDB (AUTH=required; docs/security.md). The key itself is shown once, at creation,
 * alone on the last line (so `KEY=$(npm run -s keys -- create … | tail -1)` captures it); only its SHA-256 is kept.
 * Creations and revocations go on the audit trail (modelstream.audit, GET /api/audit) as done by `cli`; a key
 * whose creation Kafka does not acknowledge is revoked again and the command fails.
 *
 *   create --scopes <read,train,predict,admin> --name <name> [--owner <owner>]   a new key (owner: the name)
 *   list [--all]                                                                 live keys (--all: revoked too)
 *   revoke <keyId|name>                                                          a key stops working within AUTH_CACHE_TTL_MS
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { parseArgs } from 'node:util';
import { ApiKeyRecord, ApiKeyStore, AuditTrail, parseScopes } from '@modelstream/auth';
import { loadConfig } from '@modelstream/config';
import { DomainError } from '@modelstream/contracts';
import { EventCodec, EventPublisher, KafkaClient } from '@modelstream/kafka';
import { openHistoryDatabase } from '@modelstream/storage';

const USAGE = `usage: npm run keys -- create --scopes read,train,predict,admin --name NAME [--owner OWNER]
       npm run keys -- list [--all]
       npm run keys -- revoke KEY_ID|NAME
`;

function describe(k: ApiKeyRecord): string {
  const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'live';
  return `${k.keyId}  ${k.name.padEnd(20)} owner=${k.ownerId.padEnd(16)} scopes=${k.scopes.join(',').padEnd(24)} ${k.createdAt.toISOString()}  ${state}`;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      scopes: { type: 'string' },
      name: { type: 'string' },
      owner: { type: 'string' },
      all: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, arg] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return values.help ? 0 : 64;
  }
  Logger.overrideLogger(['error', 'warn']);
  const config = loadConfig();
  const ds = await openHistoryDatabase(config);
  const store = new ApiKeyStore(ds);
  const kafka = new KafkaClient(config);
  const audit = new AuditTrail(new EventPublisher(kafka, new EventCodec(config)));
  const record = (action: 'key.created' | 'key.revoked', k: ApiKeyRecord) =>
    audit.record({ action, actor: 'cli', target: k.keyId, ownerId: k.ownerId, details: { name: k.name, scopes: k.scopes } });
  try {
    switch (command) {
      case 'create': {
        if (!values.name || !values.scopes) throw new UsageError('create needs --name and --scopes');
        const { key, record: created } = await store.create({
          name: values.name,
          ownerId: values.owner,
          scopes: parseScopes(values.scopes),
          createdBy: 'cli',
        });
        try {
          await record('key.created', created);
        } catch (error) {
          await store.revoke(created.keyId);
          throw new Error(`the audit trail (Kafka) did not take the creation, so the key was revoked again: ${String(error)}`, {
            cause: error,
          });
        }
        process.stdout.write(`created ${describe(created)}\nthe key (shown only now; send it as "Authorization: Bearer <key>"):\n${key}\n`);
        return 0;
      }
      case 'list': {
        const keys = await store.list({ includeRevoked: values.all });
        process.stdout.write(keys.length ? `${keys.map(describe).join('\n')}\n` : 'no keys\n');
        return 0;
      }
      case 'revoke': {
        if (!arg) throw new UsageError('revoke needs a key id or name');
        const revoked = await store.revoke(arg);
        process.stdout.write(`revoked ${describe(revoked)}\n`);
        await record('key.revoked', revoked).catch((error: unknown) =>
          process.stderr.write(`keys: the revocation is done, but the audit trail (Kafka) did not take it: ${String(error)}\n`),
        );
        return 0;
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } finally {
    await Promise.allSettled([ds.destroy(), kafka.onApplicationShutdown()]);
  }
}

class UsageError extends Error {}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) process.stderr.write(`keys: ${error.message}\n${USAGE}`);
    else if (error instanceof DomainError) process.stderr.write(`keys: ${error.message}\n`);
    else process.stderr.write(`keys: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof UsageError ? 64 : 1);
  },
);
