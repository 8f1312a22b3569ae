/** Runs the built `modelstream` CLI (libs/client/dist/cli.js) or a TypeScript example (npx tsx) as a child process. */
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { findProjectRoot } from '@modelstream/config';

export const root = findProjectRoot(__dirname);
export const CLI = join(root, 'libs/client/dist/cli.js');

export interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Builds the SDK and CLI (tsc) so the spec runs the code of this checkout, whatever built dist/ last. */
export function buildClient(): void {
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'libs/client/tsconfig.json'], {
    cwd: root,
    stdio: 'pipe',
    timeout: 120_000,
  });
}

export function runChild(command: string, args: string[], env: Record<string, string>, timeoutMs = 180_000): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, NODE_OPTIONS: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} did not end within ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** `modelstream <args>` with the built CLI. */
export const runCli = (args: string[], env: Record<string, string>, timeoutMs?: number) =>
  runChild(process.execPath, [CLI, ...args], env, timeoutMs);

/** What a failed run printed, for the assertion message. */
export const shown = (run: ChildRun) => `exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
