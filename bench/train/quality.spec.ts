import {
  median,
  medianRun,
  meetsTarget,
  qualityTarget,
  type SeedRun,
  StopRule,
  summarize,
  timeToQuality,
  type TracePoint,
} from './quality';

const run = (seed: number, trace: TracePoint[], rates: number[] = []): SeedRun => ({
  seed,
  trace,
  final: trace[trace.length - 1][1],
  fitSeconds: trace[trace.length - 1][0],
  fitCpuSeconds: 2 * trace[trace.length - 1][0],
  epochRowsPerSecond: rates,
  stopped: 'epochs',
});

describe('time to quality', () => {
  it('targets 99% of the reference accuracy and 101% of the reference RMSE', () => {
    expect(qualityTarget('accuracy', 0.9)).toBeCloseTo(0.891);
    expect(qualityTarget('rmse', 2)).toBeCloseTo(2.02);
  });

  it('reads "reach" as at least the accuracy target and at most the RMSE target', () => {
    expect(meetsTarget('accuracy', 0.891, 0.891)).toBe(true);
    expect(meetsTarget('accuracy', 0.89, 0.891)).toBe(false);
    expect(meetsTarget('rmse', 2.02, 2.02)).toBe(true);
    expect(meetsTarget('rmse', 2.03, 2.02)).toBe(false);
  });

  it('is the time of the first point that meets the target, not of the best one', () => {
    const trace: TracePoint[] = [
      [1, 0.8],
      [2, 0.95],
      [3, 0.9],
      [4, 0.97],
    ];
    expect(timeToQuality(trace, 'accuracy', 0.9)).toBe(2);
    expect(timeToQuality(trace, 'accuracy', 0.99)).toBeNull();
    expect(
      timeToQuality(
        [
          [0.5, 3],
          [1, 2.1],
          [1.5, 1.9],
        ],
        'rmse',
        2,
      ),
    ).toBe(1.5);
  });

  it('takes the median over seeds, a seed that never met the target counting as the slowest', () => {
    const runs = [run(1, [[1, 0.95]]), run(2, [[3, 0.95]]), run(3, [[2, 0.5]])];
    const summary = summarize(runs, 'accuracy', 0.9);
    expect(summary.timeToQuality).toBe(3);
    expect(summary.reached).toBe(2);
    expect(summarize([runs[0], runs[2], run(4, [[5, 0.1]])], 'accuracy', 0.9).timeToQuality).toBeNull();
  });

  it('summarizes final metric, fit time and rows/s over every epoch of every seed', () => {
    const summary = summarize(
      [
        run(
          1,
          [
            [1, 0.9],
            [2, 0.92],
          ],
          [100, 300],
        ),
        run(2, [[4, 0.94]], [200]),
      ],
      'accuracy',
      null,
    );
    expect(summary.timeToQuality).toBeNull();
    expect(summary.final).toBeCloseTo(0.93);
    expect(summary.fitSeconds).toBe(3);
    expect(summary.fitCpuSeconds).toBe(6);
    expect(summary.rowsPerSecond).toBe(200);
    expect(median([])).toBeNaN();
  });
});

describe('medianRun', () => {
  it("reports the repeat whose fit time is the median, with that repeat's own trace", () => {
    const repeats = [run(1, [[0.9, 0.5]]), run(1, [[0.01, 0.6]]), run(1, [[0.02, 0.7]])];
    expect(medianRun(repeats)).toBe(repeats[2]);
    expect(medianRun(repeats.slice(0, 2))).toBe(repeats[1]);
    expect(() => medianRun([])).toThrow();
  });
});

describe('StopRule', () => {
  it('stops after the epoch that passes the time cap', () => {
    const rule = new StopRule('accuracy', 10, 0);
    expect(rule.afterEpoch(9, 0.5)).toBe(false);
    expect(rule.afterEpoch(11, 0.6)).toBe(true);
    expect(rule.reason).toBe('time cap');
  });

  it('stops on a plateau of `patience` epochs without a better metric (lower RMSE is better)', () => {
    const rule = new StopRule('rmse', 100, 2);
    expect(rule.afterEpoch(1, 3)).toBe(false);
    expect(rule.afterEpoch(2, 2)).toBe(false);
    expect(rule.afterEpoch(3, 2.5)).toBe(false);
    expect(rule.afterEpoch(4, 1.99999)).toBe(true);
    expect(rule.reason).toBe('plateau');
  });

  it('never stops on a plateau with patience 0', () => {
    const rule = new StopRule('accuracy', 100, 0);
    for (let epoch = 1; epoch <= 20; epoch++) expect(rule.afterEpoch(epoch, 0.5)).toBe(false);
  });
});
