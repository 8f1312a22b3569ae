import { formatBytes, formatDuration, formatRate, SpeedMeter } from './upload-speed';

const MB = 1024 * 1024;

describe('upload speed', () => {
  it('knows no rate before two samples apart in time', () => {
    const m = new SpeedMeter();
    expect(m.bytesPerSecond()).toBeUndefined();
    m.add(0, 0);
    expect(m.bytesPerSecond()).toBeUndefined();
    m.add(0, MB);
    expect(m.bytesPerSecond()).toBeUndefined();
    expect(m.secondsLeft(10 * MB)).toBeUndefined();
  });

  it('measures bytes per second and the time left at that rate', () => {
    const m = new SpeedMeter();
    m.add(0, 0);
    m.add(1000, 2 * MB);
    expect(m.bytesPerSecond()).toBe(2 * MB);
    expect(m.secondsLeft(10 * MB)).toBe(4);
  });

  it('forgets samples older than the window, so a stall shows', () => {
    const m = new SpeedMeter(5000);
    m.add(0, 0);
    m.add(1000, 10 * MB); // a fast start
    m.add(7000, 10 * MB);
    m.add(11000, 11 * MB);
    // the window is 6000..11000: the rate spans from the last sample before it (1000, 10 MB): 1 MB in 10 s,
    // not the 11 MB in 11 s of the whole upload
    expect(m.bytesPerSecond()).toBe(MB / 10);
    m.add(12000, 13 * MB); // now the 7000 sample opens the window: 3 MB in 5 s
    expect(m.bytesPerSecond()).toBe((3 * MB) / 5);
  });

  it('formats bytes, rates and durations for people', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(2.5 * MB)).toBe('2.50 MB');
    expect(formatBytes(20 * MB)).toBe('20.0 MB');
    expect(formatRate(undefined)).toBe('—');
    expect(formatRate(MB / 2)).toBe('0.50 MB/s');
    expect(formatRate(12.34 * MB)).toBe('12.3 MB/s');
    expect(formatDuration(undefined)).toBe('—');
    expect(formatDuration(4.4)).toBe('4 s');
    expect(formatDuration(125)).toBe('2 min 5 s');
    expect(formatDuration(3840)).toBe('1 h 4 min');
  });
});
