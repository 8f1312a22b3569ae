/**
 * Global setup of the fault suites: start the private stack, point this process (and the apps the tests
 * start, which inherit its environment) at it, then provision the test namespace there as for the e2e suites.
 */
import globalSetup from './global-setup';
import { privateStack, privateStackEnv } from './private-stack';

export default async function faultsSetup(): Promise<void> {
  process.stdout.write('\n[faults] starting the private stack (scripts/stack.sh up, other STACK_DIR and ports)\n');
  privateStack('up');
  Object.assign(process.env, privateStackEnv());
  await globalSetup();
}
