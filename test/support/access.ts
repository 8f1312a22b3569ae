/** Helpers of the access-control e2e tests: keys made with the keys CLI, and requests sent with a key. */
import { join } from 'node:path';
import { runChild } from './client-cli';
import { Answer, call } from './inference-client';

/** `npm run keys` runs `tsx scripts/keys.ts`: the same, without npm in between. */
const TSX = join(__dirname, '../../node_modules/.bin/tsx');

/** `npm run keys -- create …` as an operator runs it; resolves the key (its output's last line) and the whole output. */
export async function createKey(
  name: string,
  scopes: string,
  owner?: string,
  env: Record<string, string> = {},
): Promise<{ key: string; output: string }> {
  const args = ['scripts/keys.ts', 'create', '--name', name, '--scopes', scopes, ...(owner ? ['--owner', owner] : [])];
  const run = await runChild(TSX, args, env, 60_000);
  if (run.code !== 0) throw new Error(`keys create failed (${run.code}): ${run.stderr}`);
  const lines = run.stdout.trim().split('\n');
  return { key: lines[lines.length - 1], output: run.stdout };
}

export async function keysCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const run = await runChild(TSX, ['scripts/keys.ts', ...args], {}, 60_000);
  return { code: run.code ?? -1, stdout: run.stdout, stderr: run.stderr };
}

/** One request, with `key` as `Authorization: Bearer` when given. */
export function send<T = Record<string, unknown>>(
  method: string,
  url: string,
  options: { key?: string; json?: unknown; form?: FormData; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const headers = { ...options.headers, ...(options.key ? { authorization: `Bearer ${options.key}` } : {}) };
  return call<T>(url, { method, json: options.json, body: options.form, headers });
}

/** A multipart chunk of an upload. */
export function chunkForm(fields: Record<string, string | number | undefined>, bytes: Buffer, filename = 'data.csv'): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.append(name, String(value));
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'text/csv' }), filename);
  return form;
}
