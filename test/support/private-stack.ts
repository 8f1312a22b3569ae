/**
 * A second native stack, the tests' own, for the suites that stop, kill or cut a service (broker restart,
 * Redis/MariaDB/MLflow/registry outages): they must never take down the stack a user's `./scripts/run.sh`
 * runs on. Same scripts/stack.sh, other STACK_DIR and ports; the installs are shared with the main stack.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
// Relative import: the fault suites' global setup loads this with plain require (no @modelstream/* aliases).
import { findProjectRoot, loadEnvFiles } from '../../libs/config/src/env';

const root = findProjectRoot(__dirname);
const mainStackDir = (() => {
  const dir = process.env.STACK_DIR ?? '.stack';
  return dir.startsWith('/') ? dir : join(root, dir);
})();

const onPort = (url: string, port: number) => {
  const u = new URL(url);
  u.port = String(port);
  return u.toString();
};

/** The private stack's settings: what scripts/stack.sh and the apps read. */
export function privateStackEnv(): Record<string, string> {
  loadEnvFiles(root);
  return {
    STACK_DIR: join(mainStackDir, 'private'),
    STACK_OPT_DIR: join(mainStackDir, 'opt'),
    STACK_DL_DIR: join(mainStackDir, 'downloads'),
    KAFKA_BROKERS: '127.0.0.1:19092',
    KAFKA_CONTROLLER_PORT: '19093',
    SCHEMA_REGISTRY_PORT: '18081',
    SCHEMA_REGISTRY_MANAGEMENT_PORT: '19091',
    SCHEMA_REGISTRY_URL: 'http://127.0.0.1:18081/apis/ccompat/v7',
    // the same credentials as the main stack's (REDIS_URL's userinfo), on the private port
    REDIS_URL: onPort(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0', 16379),
    MARIADB_PORT: '13306',
    S3_ENDPOINT: 'http://127.0.0.1:19000',
    MLFLOW_PORT: '15000',
    MLFLOW_TRACKING_URI: 'http://127.0.0.1:15000',
  };
}

/** `scripts/stack.sh <action>` on the private stack (all services). */
export function privateStack(action: 'up' | 'down'): void {
  execFileSync('bash', [join(root, 'scripts/stack.sh'), action], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 600_000,
    env: { ...process.env, ...privateStackEnv() },
  });
}
