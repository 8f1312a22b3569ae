/**
 * Upload speed and time left from (time, bytes sent) samples: the rate over a sliding window (so a stall shows
 * at once and an early fast chunk does not flatter the estimate forever), the time left at that rate.
 */

export interface SpeedSample {
  /** Milliseconds (any clock, increasing). */
  at: number;
  /** Bytes sent in all by then. */
  bytes: number;
}

export const SPEED_WINDOW_MS = 5_000;

export class SpeedMeter {
  private samples: SpeedSample[] = [];

  constructor(private readonly windowMs = SPEED_WINDOW_MS) {}

  /** Records that `bytes` had been sent in all at time `at`. */
  add(at: number, bytes: number): void {
    this.samples.push({ at, bytes });
    const from = at - this.windowMs;
    // keep one sample at or before the window's start so the rate spans the whole window
    while (this.samples.length > 2 && this.samples[1].at <= from) this.samples.shift();
  }

  /** Bytes per second over the window, undefined until two samples apart in time. */
  bytesPerSecond(): number | undefined {
    if (this.samples.length < 2) return undefined;
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    const seconds = (last.at - first.at) / 1000;
    return seconds > 0 ? Math.max(0, last.bytes - first.bytes) / seconds : undefined;
  }

  /** Seconds left to send `totalBytes` at the current rate (undefined while unknown or stalled). */
  secondsLeft(totalBytes: number): number | undefined {
    const rate = this.bytesPerSecond();
    const last = this.samples[this.samples.length - 1];
    if (!rate || !last) return undefined;
    return Math.max(0, totalBytes - last.bytes) / rate;
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 2 : 1)} MB`;
}

/** MB/s with one decimal ("—" while unknown). */
export function formatRate(bytesPerSecond: number | undefined): string {
  return bytesPerSecond === undefined ? '—' : `${(bytesPerSecond / 1024 / 1024).toFixed(bytesPerSecond < 1024 * 1024 ? 2 : 1)} MB/s`;
}

/** "3 s", "2 min 5 s", "1 h 4 min" ("—" while unknown). */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}
