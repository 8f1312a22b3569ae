/**
 * From a parsed table to tensors-ready arrays: plans the columns, splits rows with the seed, fits the
 * preprocessing on the training rows only, encodes both splits, and evaluates a trained model on the
 * validation split.
 */
import type { ProblemType } from '@modelstream/contracts';
import type { CsvTable } from './csv-table';
import { ColumnRole, DatasetLimits, DatasetPlan, DEFAULT_LIMITS, planDataset } from './column-profile';
import { classificationMetrics, regressionMetrics } from './metrics';
import { toClassProbabilities } from './model-bundle';
import { InputRow, Preprocessor } from './preprocessor';
import { splitRows } from './split';
import type { TrainingData } from './train';
import type { TrainedModel } from './trained-model';

export interface PreparedDataset {
  plan: DatasetPlan;
  preprocessor: Preprocessor;
  train: Int32Array;
  validation: Int32Array;
  data: TrainingData;
  rows: { total: number; usable: number; dropped: number; train: number; validation: number };
  columns: ColumnRole[];
}

export interface PrepareOptions {
  target: string;
  problemType: ProblemType;
  validationSplit: number;
  seed: number;
  limits?: DatasetLimits;
}

export function prepareDataset(table: CsvTable, options: PrepareOptions): PreparedDataset {
  const plan = planDataset(table, options.target, options.problemType, options.limits ?? DEFAULT_LIMITS);
  const { train, validation } = splitRows(plan.usableRows, options.validationSplit, options.seed);
  const preprocessor = Preprocessor.fit(plan, options.target, train);
  const targetOf = (rows: Int32Array): Float32Array => {
    const t = plan.target;
    const out = new Float32Array(rows.length);
    if (t.problemType === 'classification') {
      for (let i = 0; i < rows.length; i++) out[i] = t.labels[rows[i]];
      return out;
    }
    const { mean, std } = preprocessor.spec.targetScale ?? { mean: 0, std: 1 };
    for (let i = 0; i < rows.length; i++) out[i] = (t.values[rows[i]] - mean) / std;
    return out;
  };
  const data: TrainingData = {
    inputDim: preprocessor.inputDim,
    xTrain: preprocessor.encodeBuffers(plan.features, train),
    yTrain: targetOf(train),
    xVal: preprocessor.encodeBuffers(plan.features, validation),
    yVal: targetOf(validation),
    problemType: plan.target.problemType,
    classes: plan.target.problemType === 'classification' ? plan.target.classes.length : undefined,
    targetStd: preprocessor.spec.targetScale?.std,
  };
  return {
    plan,
    preprocessor,
    train,
    validation,
    data,
    rows: {
      total: table.rows,
      usable: plan.usableRows.length,
      dropped: plan.droppedRows,
      train: train.length,
      validation: validation.length,
    },
    columns: plan.roles,
  };
}

export interface Evaluation {
  metrics: Record<string, number>;
  confusionMatrix?: number[][];
  classes?: string[];
}

/** Validation metrics of a trained model (regression errors in the target's own unit). */
export function evaluateModel(model: TrainedModel, prepared: PreparedDataset): Evaluation {
  const { data, preprocessor } = prepared;
  const raw = model.predictRaw(data.xVal, data.inputDim);
  if (data.problemType === 'regression') {
    const actual = Array.from(data.yVal, (z) => preprocessor.unscaleTarget(z));
    const predicted = Array.from(raw, (z) => preprocessor.unscaleTarget(z));
    return { metrics: { ...regressionMetrics(actual, predicted) } };
  }
  const classes = preprocessor.spec.classes ?? [];
  const { confusionMatrix, ...metrics } = classificationMetrics(data.yVal, toClassProbabilities(raw, classes.length), classes.length);
  return { metrics: metrics as unknown as Record<string, number>, confusionMatrix, classes };
}

/** A few training rows as column → value objects (the model's input example). */
export function inputExample(table: CsvTable, prepared: PreparedDataset, count = 5): InputRow[] {
  const features = prepared.preprocessor.spec.features;
  const rows = Array.from(prepared.train.slice(0, count));
  return rows.map((r) => {
    const row: InputRow = {};
    for (const [i, f] of features.entries()) {
      const buffer = prepared.plan.features[i];
      row[f.name] = f.kind === 'numeric' ? (Number.isNaN(buffer.numbers[r]) ? null : buffer.numbers[r]) : buffer.textAt(r);
    }
    return row;
  });
}
