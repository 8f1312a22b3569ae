/**
 * CPU time of a process and its descendants from /proc (Linux), in seconds: what a target spent per MiB moved,
 * a figure the machine's other load changes far less than wall time. And the whole machine's CPU time, with the
 * stack's services found by their pid files: where the cores went while a target was loaded.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function stat(pid: number): { ppid: number; ticks: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' '); // after "pid (comm) "
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

/** utime + stime of `root` and every process below it. */
export function cpuSeconds(root: number): number {
  const children = new Map<number, number[]>();
  const ticks = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const s = stat(pid);
    if (!s) continue;
    ticks.set(pid, s.ticks);
    children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  }
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    total += ticks.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total / TICKS_PER_SECOND;
}

/** The whole machine's CPU time from /proc/stat, in ticks: busy (all but idle and iowait) and total, over `cpus`. */
export function machineTicks(): { busy: number; total: number; cpus: number } {
  return parseProcStat(readFileSync('/proc/stat', 'utf8'));
}

/** machineTicks of a /proc/stat text: its first line sums the CPUs ("cpu user nice system idle iowait irq softirq steal …"). */
export function parseProcStat(text: string): { busy: number; total: number; cpus: number } {
  const lines = text.split('\n');
  const all = lines[0].trim().split(/\s+/).slice(1, 9).map(Number); // guest time is counted in user already
  const total = all.reduce((a, b) => a + b, 0);
  return { busy: total - all[3] - all[4], total, cpus: lines.filter((l) => /^cpu\d+\s/.test(l)).length };
}

/** The stack's running services by name, from the pid files scripts/stack.sh keeps in <STACK_DIR>/run. */
export function stackPids(stackDir: string): Map<string, number> {
  const pids = new Map<string, number>();
  for (const service of ['mariadb', 'redis', 'kafka', 'object-store', 'schema-registry', 'mlflow']) {
    try {
      const pid = Number(readFileSync(join(stackDir, 'run', `${service}.pid`), 'utf8').trim());
      if (Number.isInteger(pid) && stat(pid)) pids.set(service, pid);
    } catch {
      // not started by this stack: left out of the split
    }
  }
  return pids;
}

/** What a Node process's threads are called (their `comm`), as the bench names them. */
const THREAD_NAMES: Record<string, string> = {
  MainThread: 'main thread',
  WorkerThread: 'worker threads',
  V8Worker: 'V8 helpers (GC, compiler)',
  'libuv-worker': 'libuv pool',
};

/**
 * CPU seconds of `pid`'s threads so far, summed by what they are (THREAD_NAMES; others by their own name). A thread
 * started later (a lazily started worker) counts from 0 in a diff; one that ended meanwhile is lost from it.
 */
export function threadSeconds(pid: number): Map<string, number> {
  const seconds = new Map<string, number>();
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return seconds;
  }
  for (const tid of tasks) {
    try {
      const comm = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      const text = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      const name = THREAD_NAMES[comm] ?? comm;
      seconds.set(name, (seconds.get(name) ?? 0) + (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND);
    } catch {
      // the thread ended meanwhile
    }
  }
  return seconds;
}

/** Adds what each thread group spent between `before` and `after` into `into`. */
export function addThreadSeconds(into: Map<string, number>, before: Map<string, number>, after: Map<string, number>): void {
  for (const [name, seconds] of after) into.set(name, (into.get(name) ?? 0) + seconds - (before.get(name) ?? 0));
}

/** "main thread 29.7, worker threads 11.2, …" in ms of CPU per MiB, the largest first; groups under 0.1 left out. */
export function threadLine(threads: Map<string, number>, mib: number): string {
  return [...threads]
    .map(([name, seconds]) => [name, (seconds * 1000) / mib] as const)
    .filter(([, ms]) => ms >= 0.1)
    .sort((a, b) => b[1] - a[1])
    .map(([name, ms]) => `${name} ${ms.toFixed(1)}`)
    .join(', ');
}
