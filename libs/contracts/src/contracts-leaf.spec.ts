/**
 * libs/contracts is the leaf every app and lib shares: it imports no other lib of ours (what it needs, a
 * caller passes in), so any code can use the contracts without pulling in config, Kafka or MLflow.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('libs/contracts', () => {
  it('imports no other modelstream lib', () => {
    const offending = sourceFiles(__dirname).filter((file) =>
      /from '@modelstream\/|require\('@modelstream\//.test(readFileSync(file, 'utf8')),
    );
    expect(offending).toEqual([]);
  });
});
