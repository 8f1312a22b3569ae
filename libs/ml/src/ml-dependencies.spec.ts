/**
 * libs/ml is model code: it knows tables, tensors and bundle bytes, and of our libs only the contracts
 * (model registry keys, errors). Storage, MLflow and Kafka stay with the apps that use them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('libs/ml', () => {
  it('imports no modelstream lib but the contracts', () => {
    const imported = readdirSync(__dirname)
      .filter((name) => name.endsWith('.ts'))
      .flatMap((name) => [...readFileSync(join(__dirname, name), 'utf8').matchAll(/from '(@modelstream\/[a-z-]+)'/g)].map((m) => m[1]));
    expect([...new Set(imported)]).toEqual(['@modelstream/contracts']);
  });
});
