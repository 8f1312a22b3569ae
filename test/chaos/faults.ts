/**
 * The faults the chaos suite injects, on the private stack (test/support/private-stack.ts): a service killed with
 * SIGKILL and started again, a service stopped for a while, and trainers killed at an epoch and restarted.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findProjectRoot } from '@modelstream/config';
import { RunningApp, startApp } from '../support/app-process';
import { StackService } from '../support/stack';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const exec = promisify(execFile);

/** `scripts/stack.sh <action> <service>` without blocking the test's event loop: the load goes on meanwhile. */
async function stackService(action: 'up' | 'down', service: StackService): Promise<void> {
  const root = findProjectRoot(__dirname);
  await exec('bash', [join(root, 'scripts/stack.sh'), action, service], { cwd: root, timeout: 240_000 });
}

/** The private stack's STACK_DIR (the fault suites' global setup exported it). */
function stackDir(): string {
  const dir = process.env.STACK_DIR;
  if (!dir?.includes('private'))
    throw new Error(`the chaos suite runs on the private stack only (STACK_DIR is ${dir}): run it in the faults project`);
  return dir;
}

/** SIGKILL to the service's process group (no shutdown of any kind), then `scripts/stack.sh up` it again. */
export async function killAndRestart(service: StackService): Promise<void> {
  const pid = Number(readFileSync(join(stackDir(), 'run', `${service}.pid`), 'utf8').trim());
  process.kill(-pid, 'SIGKILL');
  // a killed JVM lets go of its port and its data directory's lock only once it is gone
  const deadline = Date.now() + 30_000;
  while (alive(pid) && Date.now() < deadline) await sleep(100);
  await stackService('up', service);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops the service (scripts/stack.sh down), keeps it down for `ms`, starts it again and waits until healthy. */
export async function stopFor(service: StackService, ms: number): Promise<void> {
  stackDir();
  await stackService('down', service);
  await sleep(ms);
  await stackService('up', service);
}

/** Trainer instances of one consumer group, each known by its Kafka client id (the `producer` of its events). */
export class TrainerPool {
  private readonly apps = new Map<string, { app: RunningApp; port: number }>();
  /** Every instance ever started, killed ones included, for the logs of a failed run. */
  private readonly started: Array<{ clientId: string; app: RunningApp }> = [];
  kills = 0;

  constructor(private readonly env: Record<string, string>) {}

  async start(clientId: string, port: number): Promise<void> {
    const app = await startApp('trainer', port, { ...this.env, LOG_LEVEL: 'info', KAFKA_CLIENT_ID: clientId }, 120_000);
    this.apps.set(clientId, { app, port });
    this.started.push({ clientId, app });
  }

  /** Writes the output of every instance (killed ones too) into `dir`; returns the files. */
  saveLogs(dir: string): string[] {
    mkdirSync(dir, { recursive: true });
    return this.started.map(({ clientId, app }, i) => {
      const file = join(dir, `${clientId}-${i}.log`);
      writeFileSync(file, app.output());
      return file;
    });
  }

  has(clientId: string): boolean {
    return this.apps.has(clientId);
  }

  /** SIGKILL the trainer mid-job, then start it again under the same client id and port. */
  async killAndRestart(clientId: string): Promise<void> {
    const entry = this.apps.get(clientId);
    if (!entry) throw new Error(`no trainer ${clientId} in the pool`);
    await entry.app.stop('SIGKILL');
    this.kills++;
    await this.start(clientId, entry.port);
  }

  async stopAll(): Promise<void> {
    await Promise.allSettled([...this.apps.values()].map(({ app }) => app.stop('SIGTERM')));
  }

  output(): string {
    return [...this.apps.entries()].map(([id, { app }]) => `--- ${id}\n${app.output().slice(-3000)}`).join('\n');
  }
}
