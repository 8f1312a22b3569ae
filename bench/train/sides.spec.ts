import { parseSideOutput } from './sides';

describe('parseSideOutput', () => {
  it('keeps the seeds a side finished, whatever else it printed, and its result line', () => {
    const seed = {
      seed: 1,
      trace: [[0.5, 0.9]],
      final: 0.9,
      fitSeconds: 0.5,
      fitCpuSeconds: 0.9,
      epochRowsPerSecond: [],
      stopped: 'converged',
    };
    const result = { side: 'scikit-learn 1.9.1', loadSeconds: 0.1, rowsTrain: 80, inputDim: 20, peakRssMb: 200, baselineRssMb: 150 };
    const parsed = parseSideOutput(`warming up\nSEED ${JSON.stringify(seed)}\nRESULT ${JSON.stringify(result)}\n`);
    expect(parsed.runs).toEqual([seed]);
    expect(parsed.result).toEqual(result);
    expect(parseSideOutput(`SEED ${JSON.stringify(seed)}\n`).result).toBeNull();
  });
});
