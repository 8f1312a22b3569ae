import { parseVmRss, readProcRss, RssWatchdog } from './rss-watchdog';

const MB = 1024 * 1024;

describe('the memory ceiling', () => {
  it('reads the resident set from /proc/<pid>/status', () => {
    const status = ['Name:\tnode', 'VmPeak:\t 2048000 kB', 'VmRSS:\t  524288 kB', 'RssAnon:\t  400000 kB'].join('\n');
    expect(parseVmRss(status)).toBe(512 * MB);
    expect(parseVmRss('Name:\tkthreadd\n')).toBeNull();
  });

  it('measures a live process, and nothing of one that is gone', () => {
    const own = readProcRss(process.pid)!;
    expect(own).toBeGreaterThan(10 * MB);
    expect(Math.abs(own - process.memoryUsage().rss)).toBeLessThan(own / 2);
    expect(readProcRss(2 ** 22 + 1)).toBeNull();
  });

  it('trips only above the limit, keeping the peak of every sample', () => {
    const watchdog = new RssWatchdog(100 * MB);
    expect([40, 90, null, 100].map((mb) => watchdog.overLimit(mb === null ? null : mb * MB))).toEqual([false, false, false, false]);
    expect(watchdog.peakBytes).toBe(100 * MB);
    expect(watchdog.overLimit(101 * MB)).toBe(true);
    expect(watchdog.overLimit(60 * MB)).toBe(false);
    expect(watchdog.peakBytes).toBe(101 * MB);
  });
});
