import { between, quantile, readHistogram } from './prometheus-histogram';

const scrape = (counts: [number, number, number], sum: number) => `# HELP t_seconds Time
# TYPE t_seconds histogram
t_seconds_bucket{le="0.01",outcome="ok"} ${counts[0]}
t_seconds_bucket{le="0.1",outcome="ok"} ${counts[1]}
t_seconds_bucket{le="+Inf",outcome="ok"} ${counts[2]}
t_seconds_sum{outcome="ok"} ${sum}
t_seconds_count{outcome="ok"} ${counts[2]}
t_seconds_count{outcome="failed"} 7
`;

describe('prometheus histogram readings', () => {
  it('reads one series by its labels, and what was observed between two scrapes', () => {
    const before = readHistogram(scrape([2, 2, 2], 0.01), 't_seconds', 'outcome="ok"');
    const after = readHistogram(scrape([12, 102, 102], 5.01), 't_seconds', 'outcome="ok"');
    expect(after.count).toBe(102);
    const window = between(before, after);
    expect(window).toEqual({
      buckets: [
        [0.01, 10],
        [0.1, 100],
        [Infinity, 100],
      ],
      count: 100,
      sum: 5,
    });
    expect(quantile(window, 0.05)).toBeCloseTo(0.005); // half of the first bucket
    expect(quantile(window, 0.55)).toBeCloseTo(0.01 + 0.09 * 0.5); // half of the second
    expect(quantile(window, 1)).toBeCloseTo(0.1);
  });

  it('answers NaN for nothing observed', () => {
    expect(quantile(readHistogram('', 't_seconds'), 0.5)).toBeNaN();
  });
});
