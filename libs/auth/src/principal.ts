/**
 * Who sent a request: the owner the key acts for, its scopes, and the key's id and name for logs and the audit
 * trail. With AUTH=off every request is the one LOCAL_PRINCIPAL.
 */
import { LEGACY_OWNER } from '@modelstream/contracts';
import { Scope, SCOPES } from './scopes';

export interface Principal {
  ownerId: string;
  scopes: readonly Scope[];
  /** The key's id (16 hex digits); `local` with AUTH=off. */
  keyId: string;
  keyName: string;
  admin: boolean;
}

export const LOCAL_PRINCIPAL: Principal = Object.freeze({
  ownerId: LEGACY_OWNER,
  scopes: SCOPES,
  keyId: 'local',
  keyName: 'AUTH=off',
  admin: true,
});

/** Whether the principal may see or change what `ownerId` owns: its own things, or anything for an admin. */
export function canReach(principal: Principal, ownerId: string): boolean {
  return principal.admin || principal.ownerId === ownerId;
}

/** How events and logs name who acted: `owner/keyId` (`legacy/local` with AUTH=off). */
export function actorOf(principal: Principal): string {
  return `${principal.ownerId}/${principal.keyId}`;
}
