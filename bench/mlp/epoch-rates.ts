/** trainModel on the bench data at one batch size: rows/s and the validation metric per epoch. */
import { getModelSpec } from '@modelstream/contracts';
import { fitFamily } from '@modelstream/ml';
import { benchMetric, loadData, type MlpFamily } from './data';

export async function epochRates(
  family: string,
  batchSize: number,
  learningRate: number,
  epochs: number,
): Promise<{ rates: number[]; cpuRates: number[]; metric: string; metrics: number[] }> {
  const prepared = await loadData(family as MlpFamily);
  const spec = getModelSpec(family as MlpFamily);
  const { model, outcome } = await fitFamily(family as MlpFamily, { ...spec.defaults, seed: 42 }, prepared.data, {
    epochs,
    batchSize,
    learningRate,
    seed: 42,
    earlyStoppingPatience: 0,
  });
  model.dispose();
  return {
    rates: outcome.history.map((h) => h.rowsPerSecond),
    cpuRates: outcome.history.map((h) => h.rowsPerCpuSecond),
    metric: family === 'mlp_classifier' ? 'accuracy' : 'R²',
    metrics: outcome.history.map((h) => benchMetric(prepared, h.metrics)),
  };
}
