/**
 * Which model a page is about: a name with a version (a number or `latest`) or an alias, as the query string
 * carries it (`/predict?model=churn&alias=champion`), and the API paths and `models:/` URI it stands for.
 */

export type ModelRef = { name: string; version: string; alias?: undefined } | { name: string; alias: string; version?: undefined };

/** The ref in a query string; a version wins over an alias; none → `latest`. Undefined without a model. */
export function refFromQuery(query: URLSearchParams): ModelRef | undefined {
  const name = query.get('model')?.trim();
  if (!name) return undefined;
  const version = query.get('version')?.trim();
  const alias = query.get('alias')?.trim();
  if (version) return { name, version };
  if (alias) return { name, alias };
  return { name, version: 'latest' };
}

/** The query string of a ref (for links and the address bar). */
export function refQuery(ref: ModelRef): string {
  const q = new URLSearchParams({ model: ref.name });
  if (ref.alias !== undefined) q.set('alias', ref.alias);
  else q.set('version', ref.version);
  return q.toString();
}

/** The one value a version-or-alias select holds: `v:3`, `v:latest` or `a:champion`. */
export function refChoice(ref: ModelRef): string {
  return ref.alias !== undefined ? `a:${ref.alias}` : `v:${ref.version}`;
}

export function refFromChoice(name: string, choice: string): ModelRef {
  return choice.startsWith('a:') ? { name, alias: choice.slice(2) } : { name, version: choice.slice(2) || 'latest' };
}

/** `/api/models/<name>/versions/<v>` or `/api/models/<name>/aliases/<a>` (the signature; + `/predict`, `/load`). */
export function refPath(ref: ModelRef): string {
  const base = `/api/models/${encodeURIComponent(ref.name)}`;
  return ref.alias !== undefined
    ? `${base}/aliases/${encodeURIComponent(ref.alias)}`
    : `${base}/versions/${encodeURIComponent(ref.version)}`;
}

/** `models:/<name>/<version>` or `models:/<name>@<alias>` (what a batch prediction names). */
export function refUri(ref: ModelRef): string {
  return ref.alias !== undefined ? `models:/${ref.name}@${ref.alias}` : `models:/${ref.name}/${ref.version}`;
}

/** How a person reads the ref: `churn v3`, `churn @champion`. */
export function refLabel(ref: ModelRef): string {
  return ref.alias !== undefined ? `${ref.name} @${ref.alias}` : `${ref.name} ${ref.version === 'latest' ? 'latest' : `v${ref.version}`}`;
}

const ALIAS_CHARS = /^[A-Za-z0-9_-]+$/;
const LOOKS_LIKE_VERSION = /^(latest|v?\d+)$/i;

/** Why `alias` cannot name an alias (the inference API's rule, checked before sending), or null. */
export function aliasProblem(alias: string): string | null {
  if (alias === '') return 'Enter an alias name, e.g. champion.';
  if (alias.length > 255) return 'An alias is at most 255 characters.';
  if (!ALIAS_CHARS.test(alias)) return 'An alias may hold only letters, digits, "_" and "-".';
  if (LOOKS_LIKE_VERSION.test(alias)) return `"${alias}" reads as a version; pick a name such as champion.`;
  return null;
}
