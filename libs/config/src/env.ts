/**
 * Reads the project's one env file into process.env, once, before anything else looks at it.
 * Precedence: variables already exported > `.env` > `.env.example` (the documented defaults).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

let loaded = false;

/** The repo root: the nearest folder upwards holding `.env.example` (falls back to cwd). */
export function findProjectRoot(start: string = process.cwd()): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, '.env.example'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

export function loadEnvFiles(root: string = findProjectRoot()): void {
  if (loaded) return;
  loaded = true;
  for (const file of ['.env', '.env.example']) {
    const path = join(root, file);
    // loadEnvFile never overrides a variable that is already set, which gives the precedence above.
    if (existsSync(path)) process.loadEnvFile(path);
  }
}
