import { formatBytes, formatCount, formatParams, formatScore, formatShare, formatTime, plural } from './format';

describe('datasets formatting', () => {
  it('writes bytes in the largest unit that keeps them ≥ 1', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(13478)).toBe('13.2 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
    expect(formatBytes(250 * 1024 ** 3)).toBe('250 GB');
    expect(formatBytes(-1)).toBe('—');
  });

  it('writes counts with separators and plurals', () => {
    expect(formatCount(344)).toBe('344');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(plural(1, 'row')).toBe('1 row');
    expect(plural(5000, 'row')).toBe('5,000 rows');
  });

  it('writes shares with the digits a small one needs', () => {
    expect(formatShare(2, 344)).toBe('0.58%');
    expect(formatShare(11, 344)).toBe('3.2%');
    expect(formatShare(0, 344)).toBe('0.00%');
    expect(formatShare(1, 1_000_000)).toBe('<0.01%');
    expect(formatShare(1, 0)).toBe('');
  });

  it('writes times in UTC and keeps what it cannot read', () => {
    expect(formatTime('2026-11-30T12:34:56.000Z')).toBe('2026-11-30 12:34');
    expect(formatTime(null)).toBe('—');
    expect(formatTime('soon')).toBe('soon');
  });

  it('writes scores and hyperparameters briefly', () => {
    expect(formatScore(0.9710144927536232)).toBe('0.971');
    expect(formatScore(1)).toBe('1');
    expect(formatScore(null)).toBe('—');
    expect(formatParams({ learningRate: 0.01, hiddenLayers: [64, 32] })).toBe('learningRate 0.01 · hiddenLayers [64, 32]');
    expect(formatParams({})).toBe('defaults');
  });
});
