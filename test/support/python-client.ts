/**
 * The Python client's venv for the e2e suite: `.stack/venvs/python-client`, made on first use with
 * `pip install -e clients/python[pandas] pytest` and reused while clients/python/pyproject.toml (its
 * dependencies) and the interpreter stay the same; either changing makes it anew. Python programs run
 * asynchronously, so the apps a suite started keep having their output read meanwhile.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findProjectRoot } from '@modelstream/config';

export interface PythonRun {
  code: number | null;
  output: string;
}

const root = findProjectRoot(__dirname);

function venvKey(python: string): string {
  const version = execFileSync(python, ['-c', 'import sys; print(sys.version)'], { encoding: 'utf8' });
  return createHash('sha256')
    .update(readFileSync(join(root, 'clients/python/pyproject.toml')))
    .update(version)
    .digest('hex');
}

/** The venv's python, installing the client (editable, with pandas) and pytest when the cache is missing or stale. */
export function pythonClientVenv(): string {
  const basePython = process.env.PYTHON ?? 'python3';
  const dir = join(process.env.STACK_DIR ?? join(root, '.stack'), 'venvs/python-client');
  const python = join(dir, 'bin/python');
  const stamp = join(dir, '.modelstream-key');
  const key = venvKey(basePython);
  if (existsSync(python) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === key) return python;
  rmSync(dir, { recursive: true, force: true });
  const run = (cmd: string, args: string[]) => {
    try {
      execFileSync(cmd, args, { cwd: root, stdio: 'pipe', timeout: 600_000, env: { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: '1' } });
    } catch (error) {
      const e = error as { stdout?: Buffer; stderr?: Buffer; message: string };
      throw new Error(
        `${cmd} ${args.join(' ')} failed: ${e.message}\n${String(e.stdout ?? '').slice(-3000)}\n${String(e.stderr ?? '').slice(-3000)}`,
        { cause: error },
      );
    }
  };
  run(basePython, ['-m', 'venv', dir]);
  run(python, ['-m', 'pip', 'install', '--quiet', '-e', `${join(root, 'clients/python')}[pandas]`, 'pytest']);
  writeFileSync(stamp, key + '\n');
  return python;
}

/** Runs the venv's python with `args` from the repo root; resolves with its exit code and merged output. */
export function runPython(python: string, args: string[], env: Record<string, string>, timeoutMs = 300_000): Promise<PythonRun> {
  return new Promise((resolve) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONUNBUFFERED: '1', ...env };
    delete childEnv.MODELSTREAM_API_KEY;
    const child = spawn(python, args, { cwd: root, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-100_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      output += `\n[killed after ${timeoutMs} ms]`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
