/**
 * Predictions for rows of column → value from a registered model: the plain JSON API (labels with class
 * probabilities, or values) and MLflow's scoring protocol (`{"predictions": [...]}` as `mlflow models serve`).
 */
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@modelstream/config';
import { formatModelRef, InvalidInputError, type ModelRef } from '@modelstream/contracts';
import type { InputRow, Prediction } from '@modelstream/ml';
import { InferenceMetrics } from '../models/inference-metrics';
import { ModelServingService } from '../models/model-serving.service';
import { versionKey } from '../models/model-resolver';
import type { ServedModel } from '../models/served-model';
import { parseScoringPayload } from '../scoring/scoring-payload';
import { checkRowCount, validateRows } from './signature-validation';

export type RowPrediction = { label: string; probabilities: Record<string, number> } | { value: number };

export interface PredictResult {
  status: 'success';
  /** The concrete version that answered, `models:/<name>/<version>`. */
  modelId: string;
  /** What the request asked for (e.g. an alias). */
  requested: string;
  name: string;
  version: string;
  modelType: string;
  problemType: 'classification' | 'regression';
  target: string;
  classes?: string[];
  predictions: RowPrediction[];
}

/** The answer of MLflow's scoring protocol. */
export type Predictions = { predictions: (string | number)[] };

@Injectable()
export class PredictionService {
  readonly maxRows: number;

  constructor(
    private readonly models: ModelServingService,
    private readonly metrics: InferenceMetrics,
    config: AppConfig,
  ) {
    this.maxRows = config.INFERENCE_MAX_BATCH_ROWS;
  }

  /** At once when the model is loaded and its reference known (models.serve), else once it is. */
  predict(ref: ModelRef, rows: unknown): PredictResult | Promise<PredictResult> {
    checkRowCount(rows, this.maxRows); // before any registry call or model load
    return this.models.serve(
      ref,
      (model) => {
        const prediction = finiteOnly(model.predict(validateRows(rows, model, this.maxRows)));
        this.metrics.rowsPredicted.predict(rows.length);
        return {
          status: 'success',
          modelId: versionKey(model),
          requested: formatModelRef(ref),
          name: model.name,
          version: model.version,
          modelType: model.modelType,
          problemType: model.problemType,
          target: model.target,
          ...(model.classes ? { classes: model.classes } : {}),
          predictions: toRowPredictions(prediction),
        };
      },
      'predict',
    );
  }

  /** MLflow scoring protocol: classifiers answer labels, regressors values. */
  invocations(ref: ModelRef, contentType: string | undefined, body: unknown): Predictions | Promise<Predictions> {
    return this.models.serve(
      ref,
      (model) => {
        const rows = parseScoringPayload(
          contentType,
          body,
          model.inputs.map((c) => c.name),
        );
        const prediction = finiteOnly(model.predict(validateRows(rows, model, this.maxRows)));
        this.metrics.rowsPredicted.invocations(rows.length);
        return { predictions: scoringPredictions(prediction) };
      },
      'invocations',
    );
  }

  /** For batch jobs: the model itself, checked rows in, raw prediction out. */
  predictChecked(model: ServedModel, rows: InputRow[]): Prediction {
    const prediction = finiteOnly(model.predict(validateRows(rows, model, Number.MAX_SAFE_INTEGER)));
    this.metrics.rowsPredicted.batch(rows.length);
    return prediction;
  }
}

/**
 * A prediction whose every value (or probability) is a finite number; else a 400 naming the rows. Features far
 * outside what the model saw (1e308) overflow its arithmetic: an answer of null or NaN would look like a result.
 */
export function finiteOnly(prediction: Prediction): Prediction {
  const bad =
    prediction.problemType === 'regression'
      ? prediction.values.flatMap((v, i) => (Number.isFinite(v) ? [] : [i]))
      : prediction.probabilities.flatMap((p, i) => (Object.values(p).every(Number.isFinite) ? [] : [i]));
  if (bad.length === 0) return prediction;
  const rows = bad.length > 10 ? `${bad.slice(0, 10).join(', ')}, … (${bad.length} rows)` : bad.join(', ');
  throw new InvalidInputError(
    `The model's output for row${bad.length > 1 ? 's' : ''} ${rows} is not a finite number: their features are too far outside the range the model was trained on (values like 1e308 overflow it). Send values in the range of the training data.`,
    { rows: bad.slice(0, 100) },
  );
}

export function toRowPredictions(prediction: Prediction): RowPrediction[] {
  if (prediction.problemType === 'regression') return prediction.values.map((value) => ({ value }));
  return prediction.labels.map((label, i) => ({ label, probabilities: prediction.probabilities[i] }));
}

/** Labels as `mlflow models serve` gives them for a scikit-learn classifier: numbers when every class is numeric. */
export function scoringPredictions(prediction: Prediction): (string | number)[] {
  if (prediction.problemType === 'regression') return prediction.values;
  const numeric = prediction.classes.every((c) => c.trim() !== '' && Number.isFinite(Number(c)));
  return numeric ? prediction.labels.map(Number) : prediction.labels;
}
