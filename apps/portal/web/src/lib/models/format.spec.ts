import { formatBytes, formatErrors, formatMs, formatPercent, formatTime } from './format';

describe('model page formats', () => {
  it('prints sizes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MB');
    expect(formatBytes(undefined)).toBe('—');
  });

  it('prints latencies in ms or s', () => {
    expect(formatMs(0.84)).toBe('0.8 ms');
    expect(formatMs(12.4)).toBe('12 ms');
    expect(formatMs(1432)).toBe('1.4 s');
    expect(formatMs(undefined)).toBe('—');
  });

  it('prints times in UTC to the minute', () => {
    expect(formatTime('2024-05-01T13:02:59.123Z')).toBe('2024-05-01 13:02');
    expect(formatTime(undefined)).toBe('—');
  });

  it('prints probabilities and error shares as percents', () => {
    expect(formatPercent(0.875)).toBe('87.5%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatErrors(3, 200)).toBe('3 (1.5%)');
    expect(formatErrors(0, 200)).toBe('0');
  });
});
