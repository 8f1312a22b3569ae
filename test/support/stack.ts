/** Stops and starts one service of the native stack, for fault tests (always restart in afterAll). */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { findProjectRoot } from '@modelstream/config';

export type StackService = 'kafka' | 'schema-registry' | 'redis' | 'mariadb' | 'object-store' | 'mlflow';

export function stackService(action: 'up' | 'down', service: StackService): void {
  const root = findProjectRoot(__dirname);
  execFileSync('bash', [join(root, 'scripts/stack.sh'), action, service], { cwd: root, stdio: 'pipe', timeout: 180_000 });
}

/** Polls `probe` until it returns true or the time is up. */
export async function eventually(probe: () => Promise<boolean>, timeoutMs: number, stepMs = 500): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  return false;
}
