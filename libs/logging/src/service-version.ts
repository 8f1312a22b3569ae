import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findProjectRoot } from '@modelstream/config';

/** The project's version from package.json, stamped on every log line and MLflow run. */
export const SERVICE_VERSION: string = (() => {
  try {
    const pkg = JSON.parse(readFileSync(join(findProjectRoot(__dirname), 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
})();
