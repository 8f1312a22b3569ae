import { backoffMs, describeCancelOutcome, formatAgo, formatDuration, formatTimestamp, jobDurationMs } from './format';

describe('formatDuration', () => {
  it.each([
    [null, '—'],
    [-5, '—'],
    [Number.NaN, '—'],
    [0, '0 ms'],
    [850, '850 ms'],
    [1_234, '1.2 s'],
    [42_900, '42 s'],
    [185_000, '3 min 05 s'],
    [7_380_000, '2 h 03 min'],
    [3 * 86_400_000 + 5 * 3_600_000, '3 d 5 h'],
  ])('%p ms reads %p', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('jobDurationMs', () => {
  const start = '2026-05-04T12:00:00.000Z';
  const now = Date.parse('2026-05-04T12:01:30.000Z');

  it('runs from start to end for a finished job', () => {
    expect(jobDurationMs({ status: 'completed', startedAt: start, finishedAt: '2026-05-04T12:00:12.000Z' }, now)).toBe(12_000);
  });

  it('runs to now while the job is running', () => {
    expect(jobDurationMs({ status: 'running', startedAt: start, finishedAt: null }, now)).toBe(90_000);
  });

  it('is unknown for a job that never started or ended without an end time', () => {
    expect(jobDurationMs({ status: 'pending', startedAt: null, finishedAt: null }, now)).toBeNull();
    expect(jobDurationMs({ status: 'cancelled', startedAt: start, finishedAt: null }, now)).toBeNull();
  });
});

describe('timestamps', () => {
  it('writes a time in the given offset', () => {
    expect(formatTimestamp('2026-05-04T12:00:05.120Z', 0)).toBe('2026-05-04 12:00:05');
    expect(formatTimestamp('2026-05-04T23:30:00Z', 120)).toBe('2026-05-05 01:30:00');
    expect(formatTimestamp(null)).toBe('—');
    expect(formatTimestamp('not a date', 0)).toBe('—');
  });

  it('says how long ago', () => {
    const now = Date.parse('2026-05-04T12:00:00Z');
    expect(formatAgo('2026-05-04T11:59:58Z', now)).toBe('just now');
    expect(formatAgo('2026-05-04T11:59:18Z', now)).toBe('42 s ago');
    expect(formatAgo('2026-05-04T11:55:00Z', now)).toBe('5 min ago');
    expect(formatAgo('2026-05-04T09:00:00Z', now)).toBe('3 h ago');
    expect(formatAgo('2026-05-01T12:00:00Z', now)).toBe('3 d ago');
  });
});

describe('describeCancelOutcome', () => {
  it('says what happened to each job', () => {
    expect(describeCancelOutcome('cancelled', 'cancelled')).toBe('cancelled');
    expect(describeCancelOutcome('cancelled', 'running')).toMatch(/trainer stops it/);
    expect(describeCancelOutcome('already_final', 'completed')).toBe('not cancelled: it had already ended (completed)');
    expect(describeCancelOutcome('not_found', null)).toBe('not cancelled: no such job');
  });
});

describe('backoffMs', () => {
  it('doubles up to the cap, with jitter taken off', () => {
    expect([0, 1, 2, 3].map((a) => backoffMs(a))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffMs(20)).toBe(15_000);
    expect(backoffMs(2, 0.5)).toBe(1800);
  });
});
