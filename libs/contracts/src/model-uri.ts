/**
 * `models:/` URIs as MLflow spells them: `models:/<name>/<version>`, `models:/<name>@<alias>` and
 * `models:/<name>/latest` (the highest READY version). The one place that builds and parses them: the
 * trainer names what it registered, inference resolves what it is asked for.
 */
import { InvalidInputError } from './errors';

export type ModelRef =
  { kind: 'version'; name: string; version: string } | { kind: 'alias'; name: string; alias: string } | { kind: 'latest'; name: string };

const SCHEME = 'models:/';
const NAME = /^[^/@\s][^/@]*$/;
const ALIAS = /^[A-Za-z0-9_-]+$/;
const VERSION = /^[1-9][0-9]*$/;

const usage = 'Use models:/<name>/<version>, models:/<name>@<alias> or models:/<name>/latest.';

/** `models:/<name>/<version>`: what a TrainingCompleted event calls the model (its modelId). */
export function modelUri(name: string, version: string | number): string {
  return `${SCHEME}${name}/${version}`;
}

/** `models:/<name>@<alias>`. */
export function aliasUri(name: string, alias: string): string {
  return `${SCHEME}${name}@${alias}`;
}

export function parseModelUri(uri: unknown): ModelRef {
  if (typeof uri !== 'string' || !uri.startsWith(SCHEME)) {
    throw new InvalidInputError(`modelId ${JSON.stringify(uri)} is not a model URI. ${usage}`);
  }
  const rest = uri.slice(SCHEME.length);
  const at = rest.lastIndexOf('@');
  if (at > 0 && !rest.slice(at).includes('/')) return modelRef.alias(rest.slice(0, at), rest.slice(at + 1));
  const slash = rest.lastIndexOf('/');
  if (slash > 0) {
    const tail = rest.slice(slash + 1);
    if (tail === 'latest') return modelRef.latest(rest.slice(0, slash));
    return modelRef.version(rest.slice(0, slash), tail);
  }
  throw new InvalidInputError(`modelId ${JSON.stringify(uri)} names no version or alias. ${usage}`);
}

/** The name and version of a `models:/<name>/<version>` URI; an alias or `latest` is an InvalidInputError. */
export function parseModelVersionUri(uri: unknown): { name: string; version: string } {
  const ref = parseModelUri(uri);
  if (ref.kind !== 'version')
    throw new InvalidInputError(`modelId ${JSON.stringify(uri)} names no concrete version. Use models:/<name>/<version>.`);
  return { name: ref.name, version: ref.version };
}

/** Builders that check each part, for refs that come from URL path parameters. */
export const modelRef = {
  version(name: string, version: string): ModelRef {
    checkName(name);
    if (!VERSION.test(version)) {
      throw new InvalidInputError(`Model version ${JSON.stringify(version)} is not a version number (1, 2, …) nor "latest". ${usage}`);
    }
    return { kind: 'version', name, version };
  },
  alias(name: string, alias: string): ModelRef {
    checkName(name);
    if (!ALIAS.test(alias)) throw new InvalidInputError(`Model alias ${JSON.stringify(alias)} may hold only letters, digits, "_" and "-".`);
    return { kind: 'alias', name, alias };
  },
  latest(name: string): ModelRef {
    checkName(name);
    return { kind: 'latest', name };
  },
  /** A path segment that is a version number or `latest`. */
  versionOrLatest(name: string, version: string): ModelRef {
    return version === 'latest' ? modelRef.latest(name) : modelRef.version(name, version);
  },
};

export function formatModelRef(ref: ModelRef): string {
  switch (ref.kind) {
    case 'version':
      return modelUri(ref.name, ref.version);
    case 'alias':
      return aliasUri(ref.name, ref.alias);
    case 'latest':
      return `${SCHEME}${ref.name}/latest`;
    default: {
      const never: never = ref;
      return never;
    }
  }
}

function checkName(name: string): void {
  if (!NAME.test(name) || name.length > 256) {
    throw new InvalidInputError(
      `Model name ${JSON.stringify(name)} is not a registered model name (no "/", "@" or leading space). ${usage}`,
    );
  }
}
