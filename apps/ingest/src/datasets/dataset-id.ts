import { createHash } from 'node:crypto';
import { LEGACY_OWNER } from '@modelstream/contracts';

/**
 * A dataset is unique per (owner, sha256 of its bytes): the same file uploaded again by the same owner is the same
 * dataset; another owner's upload of it is another dataset. The legacy owner hashes as the empty owner every
 * dataset had before access control, so their ids stay as they were.
 */
export function datasetIdOf(ownerId: string, sha256: string): string {
  const owner = ownerId === LEGACY_OWNER ? '' : ownerId;
  return `ds-${createHash('sha256').update(`${owner}\n${sha256}`).digest('hex').slice(0, 24)}`;
}
