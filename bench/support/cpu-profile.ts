/**
 * Where a request's time goes: an app (or a floor) run under `node --cpu-prof` while the bench loads it writes
 * a V8 CPU profile at exit; each sample is put in a stage by the code it was in (the leaf frame's file: a
 * package in node_modules, our libs and apps, Node's core), builtins (JSON, regexps) counting in the stage that
 * called them. Divided by the requests answered, that is microseconds per request and stage. They are busy time,
 * not strictly CPU time: a sample inside a system call (a socket write) counts the time the thread spent there,
 * including any wait for a core on a machine shared with other load; compare a stage with the floor's in one run.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Stage {
  name: string;
  /** Matches the frame's url (a file path or `node:…`). */
  files: RegExp;
}

const pkgs = (...names: string[]) => new RegExp(`node_modules/(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})/`);

const NODE_CORE = 'node core (http, net, streams, timers)';

/** The stages of a request through the apps, in the order a request meets them; the first that matches wins. */
export const REQUEST_STAGES: Stage[] = [
  {
    name: 'logging (pino-http, nestjs-pino)',
    files: pkgs(
      'pino',
      'pino-http',
      'nestjs-pino',
      'sonic-boom',
      'pino-std-serializers',
      'fast-redact',
      'quick-format-unescaped',
      'safe-stable-stringify',
      'atomic-sleep',
      'thread-stream',
    ),
  },
  { name: 'logging (libs/logging)', files: /libs\/logging\// },
  {
    name: 'headers/CORS/cross-site (helmet, libs/platform/http)',
    files: /node_modules\/(helmet|cors|vary)\/|libs\/platform\/src\/http\/(cross-site|cors|security)/,
  },
  {
    name: 'validation (class-validator/-transformer, pipes)',
    files: /node_modules\/(class-validator|class-transformer|validator|libphonenumber-js)\/|@nestjs\/common\/pipes\/|as-sent/,
  },
  { name: 'auth and rate limits (libs/auth)', files: /libs\/auth\// },
  { name: 'metrics (prom-client, interceptor)', files: /node_modules\/(prom-client|tdigest|bintrees)\/|libs\/platform\/src\/metrics\// },
  {
    name: 'front door, direct routes, body parse (libs/platform/http)',
    files: /libs\/platform\/src\/http\/(front-door|direct-route|body-parsers|json-depth|json-schema)/,
  },
  {
    name: 'express (routing, req/res helpers)',
    files: pkgs(
      'express',
      'router',
      'path-to-regexp',
      'finalhandler',
      'send',
      'qs',
      'body-parser',
      'raw-body',
      'type-is',
      'content-type',
      'depd',
      'on-finished',
      'ee-first',
      'parseurl',
      'mime-types',
      'mime-db',
      'accepts',
      'negotiator',
      'statuses',
      'http-errors',
      'encodeurl',
      'escape-html',
      'fresh',
      'etag',
      'proxy-addr',
      'forwarded',
      'ipaddr.js',
      'range-parser',
      'merge-descriptors',
      'iconv-lite',
      'safe-buffer',
      'safer-buffer',
      'content-disposition',
      'cookie',
      'cookie-signature',
      'media-typer',
      'unpipe',
      'is-promise',
      'debug',
      'ms',
    ),
  },
  {
    name: 'fastify (routing, req/reply helpers)',
    files:
      /node_modules\/(fastify|@fastify\/[^/]+|find-my-way|avvio|light-my-request|fast-json-stringify|fast-querystring|fast-decode-uri-component|process-warning|abstract-logging|toad-cache|secure-json-parse|rfdc)\//,
  },
  {
    name: 'nest (router, guards/interceptors/pipes plumbing, rxjs)',
    files: /node_modules\/(@nestjs|rxjs|reflect-metadata|iterare|tslib|uid)\//,
  },
  {
    name: 'redis client (ioredis)',
    files: pkgs(
      'ioredis',
      'redis-parser',
      'redis-errors',
      'denque',
      'cluster-key-slot',
      'standard-as-callback',
      'lodash.defaults',
      'lodash.isarguments',
    ),
  },
  { name: 'tfjs (forward pass)', files: /node_modules\/@tensorflow\// },
  { name: 'libs/ml (preprocess, predict)', files: /libs\/ml\// },
  { name: 'app code (apps/, other libs)', files: /\/(apps|libs|bench)\// },
  { name: NODE_CORE, files: /^node:/ },
  { name: 'other packages', files: /node_modules\// },
  { name: 'GC', files: /^\(garbage collector\)$/ },
];

export interface Breakdown {
  /** CPU µs per request by stage, in stage order; an `other` row for what matched no stage. */
  stages: { name: string; usPerRequest: number; share: number }[];
  totalUsPerRequest: number;
  idleShare: number;
  /** The functions with the most own time (µs per request), for a closer look (BENCH_PROFILE_TOP=n prints them). */
  top: { frame: string; usPerRequest: number }[];
}

/** A fresh directory for `--cpu-prof-dir`. */
export function profileDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `cpu-prof-${name}-`));
}

/** The node options that make a process write its CPU profile into `dir` at exit. */
export function profileOptions(dir: string): string {
  return `--cpu-prof --cpu-prof-dir=${dir} --cpu-prof-interval=200`;
}

/** Now on the clock of CPU profiles (the monotonic clock, µs), the same in every process of the machine. */
export const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

/**
 * Reads the profile(s) written into `dir` (then removes it) and splits their busy time within `window` (the load,
 * on the `monotonicUs` clock: start-up and shutdown left out) over `requests`.
 */
export function breakdownOf(
  dir: string,
  requests: number,
  window: { from: number; to: number },
  stages: Stage[] = REQUEST_STAGES,
): Breakdown {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  if (files.length === 0) throw new Error(`no CPU profile in ${dir}: did the process exit normally?`);
  const us = new Map<string, number>();
  const own = new Map<string, number>();
  let idle = 0;
  let all = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const stageOf = new Map<number, string>();
    const classify = (id: number): string => {
      const known = stageOf.get(id);
      if (known !== undefined) return known;
      const frame = byId.get(id)!.callFrame;
      const label = frame.url || frame.functionName;
      let stage = stages.find((s) => s.files.test(label))?.name;
      if (stage === NODE_CORE) {
        // Node's own code counts for the stage that called into it (a log line's write, express's res.send)
        for (let up = parent.get(id); up !== undefined; up = parent.get(up)) {
          const caller = classify(up);
          if (caller === NODE_CORE || caller.startsWith('other')) continue;
          stage = caller.startsWith(`${NODE_CORE} ←`) ? caller : `${NODE_CORE} ← ${caller}`;
          break;
        }
      }
      if (stage === undefined) {
        const up = parent.get(id);
        // a builtin (no url) counts where it was called from; the root's own time is V8's '(program)'
        stage = !frame.url && up !== undefined && !frame.functionName.startsWith('(') ? classify(up) : `other ${label || '(anonymous)'}`;
      }
      stageOf.set(id, stage);
      return stage;
    };
    let at = profile.startTime;
    profile.samples.forEach((id, i) => {
      const delta = profile.timeDeltas[i] ?? 0;
      at += delta;
      if (at < window.from || at > window.to) return;
      all += delta;
      const frame = byId.get(id)!.callFrame;
      if (frame.functionName === '(idle)') {
        idle += delta;
        return;
      }
      const stage = classify(id);
      us.set(stage, (us.get(stage) ?? 0) + delta);
      const name = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*node_modules\//, '').replace(/^.*\/(apps|libs|bench)\//, '$1/')}`;
      own.set(name, (own.get(name) ?? 0) + delta);
    });
  }
  if (process.env.BENCH_KEEP_PROFILES) process.stdout.write(`(profiles kept in ${dir})\n`);
  else rmSync(dir, { recursive: true, force: true });
  const busy = [...us.values()].reduce((a, b) => a + b, 0);
  const names = [...stages.map((s) => s.name), ...[...us.keys()].filter((k) => !stages.some((s) => s.name === k)).sort()];
  return {
    stages: names
      .filter((name) => (us.get(name) ?? 0) > 0)
      .map((name) => ({ name, usPerRequest: (us.get(name) ?? 0) / requests, share: (us.get(name) ?? 0) / busy })),
    totalUsPerRequest: busy / requests,
    idleShare: all > 0 ? idle / all : 0,
    top: [...own.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 40)
      .map(([frame, t]) => ({ frame, usPerRequest: t / requests })),
  };
}

/** The breakdown as lines, stages under 1 µs a request folded into one. */
export function breakdownLines(title: string, b: Breakdown, top = Number(process.env.BENCH_PROFILE_TOP ?? 0)): string[] {
  const shown = b.stages.filter((s) => s.usPerRequest >= 1);
  const rest = b.stages.filter((s) => s.usPerRequest < 1).reduce((a, s) => a + s.usPerRequest, 0);
  return [
    `${title}: ${b.totalUsPerRequest.toFixed(0)} µs CPU per request (idle ${(b.idleShare * 100).toFixed(0)}% of the run)`,
    ...shown.map((s) => `  ${s.usPerRequest.toFixed(1).padStart(7)} µs  ${(s.share * 100).toFixed(0).padStart(3)}%  ${s.name}`),
    ...(rest > 0 ? [`  ${rest.toFixed(1).padStart(7)} µs        (stages under 1 µs)`] : []),
    ...(top > 0
      ? [
          '  functions with the most own time:',
          ...b.top.slice(0, top).map((f) => `  ${f.usPerRequest.toFixed(1).padStart(7)} µs  ${f.frame}`),
        ]
      : []),
  ];
}
