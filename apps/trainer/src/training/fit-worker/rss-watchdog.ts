/**
 * The per-job memory ceiling: the trainer samples its fit worker's resident set (Linux /proc, read from
 * outside, so a worker stuck in one long native call is still measured) and kills the worker above the
 * limit. The watchdog also keeps the peak it saw, which the job reports (a sample may also be the worker's own
 * getrusage peak, which sees between the samples).
 */
import { readFileSync } from 'node:fs';

/** VmRSS in bytes from the text of /proc/<pid>/status, or null when it has none. */
export function parseVmRss(status: string): number | null {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  return match ? Number(match[1]) * 1024 : null;
}

/** The resident set of a process, or null when it cannot be read (the process is gone, or no /proc here). */
export function readProcRss(pid: number): number | null {
  try {
    return parseVmRss(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return null;
  }
}

export class RssWatchdog {
  private peak = 0;

  constructor(readonly limitBytes: number) {}

  get peakBytes(): number {
    return this.peak;
  }

  /** Records a sample (null: none could be read); true when it is over the limit. */
  overLimit(rssBytes: number | null): boolean {
    if (rssBytes === null) return false;
    this.peak = Math.max(this.peak, rssBytes);
    return rssBytes > this.limitBytes;
  }
}
