import { readFileSync } from 'node:fs';
import { parseProcStat } from './cpu';

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
