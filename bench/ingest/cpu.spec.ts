import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { addThreadSeconds, parseProcStat, threadLine, threadSeconds } from './cpu';

describe('parseProcStat', () => {
  it('counts all but idle and iowait as busy, over user…steal, and counts the CPUs', () => {
    const text = [
      'cpu  100 5 50 800 20 3 2 10 7 0', // user nice system idle iowait irq softirq steal guest guest_nice
      'cpu0 50 2 25 400 10 1 1 5 3 0',
      'cpu1 50 3 25 400 10 2 1 5 4 0',
      'intr 12345 0 0',
      'ctxt 999',
    ].join('\n');
    expect(parseProcStat(text)).toEqual({ busy: 100 + 5 + 50 + 3 + 2 + 10, total: 990, cpus: 2 });
  });

  it('reads the machine this runs on', () => {
    const { busy, total, cpus } = parseProcStat(readFileSync('/proc/stat', 'utf8'));
    expect(cpus).toBeGreaterThan(0);
    expect(busy).toBeGreaterThan(0);
    expect(total).toBeGreaterThan(busy);
  });
});

describe('thread CPU', () => {
  it("names a Node process's threads by what they are, its main thread and a worker among them", async () => {
    const worker = new Worker('const end = Date.now() + 50; while (Date.now() < end);', { eval: true });
    await new Promise((resolve) => worker.once('online', resolve));
    const names = [...threadSeconds(process.pid).keys()];
    await worker.terminate();
    expect(names).toEqual(expect.arrayContaining(['main thread', 'worker threads']));
    expect(threadSeconds(0x7fffffff).size).toBe(0); // no such process
  });

  it('adds what each group spent between two readings; a group started meanwhile counts from 0', () => {
    const into = new Map([['main thread', 1]]);
    addThreadSeconds(
      into,
      new Map([['main thread', 10]]),
      new Map([
        ['main thread', 12.5],
        ['worker threads', 3],
      ]),
    );
    expect(into).toEqual(
      new Map([
        ['main thread', 3.5],
        ['worker threads', 3],
      ]),
    );
  });

  it('prints ms of CPU per MiB, the largest first, leaving out groups under 0.1', () => {
    const threads = new Map([
      ['libuv pool', 0.02],
      ['main thread', 0.4],
      ['worker threads', 0.6],
      ['tiny', 0.001],
    ]);
    expect(threadLine(threads, 20)).toBe('worker threads 30.0, main thread 20.0, libuv pool 1.0');
  });
});
