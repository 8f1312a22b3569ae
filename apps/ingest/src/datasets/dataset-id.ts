import { createHash } from 'node:crypto';

/** The owner of every dataset until access control exists. */
export const DEFAULT_OWNER = '';

/** A dataset is unique per (owner, sha256 of its bytes): the same file uploaded again is the same dataset. */
export function datasetIdOf(owner: string, sha256: string): string {
  return `ds-${createHash('sha256').update(`${owner}\n${sha256}`).digest('hex').slice(0, 24)}`;
}
