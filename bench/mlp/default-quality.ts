/**
 * Evidence for the MLP families' default batch size and learning rate: the validation metric after the
 * default epochs (and the best epoch's) and the training time, for candidate defaults on small and large
 * generated datasets — a default must hold on a 1,000-row upload as well as on 100k rows.
 */
import { getModelSpec } from '@modelstream/contracts';
import { fitFamily, prepareDataset, readCsvTable, syntheticDataset, type PreparedDataset, type SyntheticRelation } from '@modelstream/ml';
import { benchMetric, loadData } from './data';

interface Dataset {
  name: string;
  family: 'mlp_classifier' | 'mlp_regressor';
  load: () => Promise<PreparedDataset>;
}

async function* once(text: string): AsyncGenerator<Uint8Array> {
  yield Buffer.from(text);
}

function generated(relation: SyntheticRelation, rows: number, family: Dataset['family']): Dataset {
  const problemType = family === 'mlp_classifier' ? 'classification' : 'regression';
  return {
    name: `${relation} ${rows}`,
    family,
    load: async () => {
      const ds = syntheticDataset({ relation, rows, seed: 5, features: 8, noise: 0.2 });
      return prepareDataset(await readCsvTable(once(ds.csv)), { target: ds.target, problemType, validationSplit: 0.2, seed: 42 });
    },
  };
}

export const DATASETS: Dataset[] = [
  generated('circle', 1000, 'mlp_classifier'),
  generated('circle', 10_000, 'mlp_classifier'),
  generated('nonlinear-regression', 1000, 'mlp_regressor'),
  generated('nonlinear-regression', 10_000, 'mlp_regressor'),
  { name: 'bench linear-binary 100k × 20', family: 'mlp_classifier', load: () => loadData('mlp_classifier') },
  { name: 'bench linear-regression 100k × 20', family: 'mlp_regressor', load: () => loadData('mlp_regressor') },
];

export async function defaultQuality(configs: [number, number][], seeds: number[], print: (line: string) => void): Promise<void> {
  for (const dataset of DATASETS) {
    const prepared = await dataset.load();
    const spec = getModelSpec(dataset.family);
    const epochs = spec.defaults.epochs as number;
    const metric = dataset.family === 'mlp_classifier' ? 'accuracy' : 'R²';
    for (const [batchSize, learningRate] of configs) {
      const finals: number[] = [];
      const bests: number[] = [];
      let seconds = 0;
      for (const seed of seeds) {
        const { model, outcome } = await fitFamily(dataset.family, { ...spec.defaults, seed }, prepared.data, {
          epochs,
          batchSize,
          learningRate,
          seed,
          earlyStoppingPatience: 0,
        });
        model.dispose();
        const metrics = outcome.history.map((h) => benchMetric(prepared, h.metrics));
        finals.push(metrics.at(-1)!);
        bests.push(Math.max(...metrics));
        seconds += outcome.history.reduce((s, h) => s + h.seconds, 0);
      }
      const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
      print(
        `${dataset.name.padEnd(34)} batch ${String(batchSize).padStart(5)} lr ${String(learningRate).padEnd(5)} ` +
          `${metric} after ${epochs} epochs ${mean(finals).toFixed(4)} (best epoch ${mean(bests).toFixed(4)})  ` +
          `training ${(seconds / seeds.length).toFixed(2)} s  [${seeds.length} seeds]`,
      );
    }
  }
}
