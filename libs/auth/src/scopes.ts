/**
 * What a key may do. `read`: jobs, datasets, models, history; `train`: uploads, trainings, sweeps, cancels of its
 * own jobs; `predict`: predictions on its own models; `admin`: everything, every owner's, and the operator routes
 * (dead letters, consumers, the model cache, the audit trail).
 */
import { InvalidInputError } from '@modelstream/contracts';

export const SCOPES = ['read', 'train', 'predict', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

const isScope = (s: string): s is Scope => (SCOPES as readonly string[]).includes(s);

/** Scopes from a comma-separated list (`train,read`), checked, deduplicated, in SCOPES order. */
export function parseScopes(list: string): Scope[] {
  const asked = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = asked.filter((s) => !isScope(s));
  if (unknown.length > 0) {
    throw new InvalidInputError(
      `Unknown scope${unknown.length > 1 ? 's' : ''} ${unknown.map((s) => `"${s}"`).join(', ')}: use ${SCOPES.join(', ')}.`,
    );
  }
  if (asked.length === 0) throw new InvalidInputError(`A key needs at least one scope: ${SCOPES.join(', ')}.`);
  return SCOPES.filter((s) => asked.includes(s));
}

/** Whether granted scopes allow a route that needs `needed` (admin allows everything). */
export function scopeAllows(granted: readonly Scope[], needed: Scope): boolean {
  return granted.includes('admin') || granted.includes(needed);
}
