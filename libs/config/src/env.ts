/**
 * Reads the project's one env file into process.env, once, before anything else looks at it.
 * Precedence: variables already exported > `.env` > `.env.example` (the documented defaults).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseEnv } from 'node:util';

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
    if (!existsSync(path)) continue;
    for (const [key, value] of Object.entries(parseEnv(readFileSync(path, 'utf8')))) {
      if (process.env[key] === undefined) process.env[key] = value;
    }
  }
}
