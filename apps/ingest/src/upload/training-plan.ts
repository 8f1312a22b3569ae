/**
 * The training settings of an upload and the plan they become, with no I/O: chunk 0's `target`,
 * `modelType`, `params` and `modelName` checked against the model-spec registry, the header facts they
 * fix once the first line is in, and at the last chunk the TrainingRequested plan from the settings and
 * what the whole file showed (columns, rows, size, sha256). Every bad setting is an InvalidInputError (400).
 */
import {
  checkComputeBudget,
  defaultModelName,
  defaultModelType,
  getModelSpec,
  HyperParams,
  InvalidInputError,
  isModelType,
  MODEL_NAME_PATTERN,
  MODEL_NAME_RULE,
  ModelType,
  modelSpecOf,
  ProblemType,
  resolveHyperParams,
  TrainingRequested,
} from '@modelstream/contracts';
import { ColumnSample, columnValues, CsvHead, inferProblemType, resolveTarget } from './csv-inspection';
import { checkTrainableColumns, checkTwoClasses } from './trainable-checks';

/** The settings fields of chunk 0, as sent. */
export interface SettingsInput {
  filename: string;
  target?: string;
  modelType?: string;
  params?: string;
  modelName?: string;
  /** "false" on chunk 0: the upload only becomes a dataset (default true). */
  train?: string;
}

export interface UploadSettings {
  /** As given on the first chunk; null = default (last column). */
  target: string | null;
  /** As given on the first chunk; null = chosen from the target's values. */
  modelType: ModelType | null;
  /** The user's hyperparameters as given (validated against the model type when it was known). */
  params: HyperParams | null;
  modelName: string;
  /** Whether the completed upload requests a training (false: it only becomes a dataset). */
  train: boolean;
}

/** What the TrainingRequested event will carry, fixed once the upload is complete. */
export type TrainingPlan = Omit<TrainingRequested, 'filename' | 'sweepId'>;

/** What the header row fixes: the columns, and the problem type when the settings or first rows tell it. */
export interface HeaderFacts {
  columns: string[];
  problemType: ProblemType | null;
}

/** Where the file lies and what it holds, known at the last chunk. */
export interface DatasetFacts {
  bucket: string;
  objectKeys: string[];
  size: number;
  sha256: string;
  datasetId: string | null;
}

/** The families a missing modelType may resolve to: params without one must suit all of them. */
const DEFAULT_FAMILIES = [defaultModelType('classification'), defaultModelType('regression')];

/** Validates the training settings of the first chunk (model type, hyperparameters, model name). */
export function parseUploadSettings(input: SettingsInput): UploadSettings {
  const params = parseParams(input.params);
  const modelType = parseModelType(input.modelType);
  if (modelType) {
    // the model's size as far as the settings tell it (its hidden layers), before a byte is stored
    const spec = modelSpecOf(modelType);
    checkComputeBudget(spec, resolveHyperParams(spec, params ?? undefined), { features: 1, outputs: 1 });
  } else if (params) checkParamsForDefaultFamilies(params);
  const modelName = input.modelName?.trim() || defaultModelName(input.filename);
  if (!MODEL_NAME_PATTERN.test(modelName)) {
    throw new InvalidInputError(`modelName "${modelName}" is not a valid registered model name. ${MODEL_NAME_RULE}`);
  }
  return { target: input.target?.trim() || null, modelType, params, modelName, train: parseTrain(input.train) };
}

/**
 * Settings belong on chunk 0. A later chunk may repeat them (some frontends send every field on every chunk), but
 * one that says something else is a 400 rather than a change silently ignored.
 */
export function checkLaterSettings(settings: UploadSettings, input: SettingsInput, chunkIndex: number): void {
  const given = (['target', 'modelType', 'params', 'modelName', 'train'] as const).filter(
    (f) => input[f] !== undefined && input[f]!.trim() !== '',
  );
  if (given.length === 0) return;
  const asSent = parseUploadSettings({ ...input, modelName: input.modelName ?? settings.modelName });
  const differs = given.filter((f) => JSON.stringify(asSent[f]) !== JSON.stringify(settings[f]));
  if (differs.length) {
    throw new InvalidInputError(
      `Chunk ${chunkIndex} sets ${differs.join(', ')} differently from chunk 0; the training settings are taken from chunk 0 only. ` +
        'Send later chunks without settings (or with the same values), or start a new upload with the settings you want.',
      { fields: differs },
    );
  }
}

/**
 * The header's facts under these settings; a target missing from the header is a 400, and so is a file a training
 * cannot use: a single column, or (when `whole`: the head is the whole file) a classifier's target of one class.
 */
export function headerFacts(settings: UploadSettings, head: CsvHead, whole = false): HeaderFacts {
  const target = resolveTarget(head.columns, settings.target);
  const values = columnValues(head, target);
  const facts = sampleFacts(settings, { columns: head.columns, values });
  // a malformed row is the file's first problem: the row check names it, so the classes wait for a well-formed head
  const wellFormed = head.rows.every((row) => row.length === head.columns.length);
  if (whole && wellFormed && settings.train !== false && facts.problemType === 'classification') checkTwoClasses(target, values);
  return facts;
}

/**
 * The header's facts from a sample of the target's values (a first chunk's: inspectCsvColumn): the columns, checked
 * against the settings, and the problem type the model type names or, without one, the values suggest (none yet: null).
 */
export function sampleFacts(settings: UploadSettings, sample: ColumnSample): HeaderFacts {
  resolveTarget(sample.columns, settings.target);
  if (settings.train !== false) checkTrainableColumns(sample.columns);
  const problemType = settings.modelType
    ? modelSpecOf(settings.modelType).problemType
    : sample.values.length > 0
      ? inferProblemType(sample.values)
      : null;
  return { columns: sample.columns, problemType };
}

/** The target column of a plan: the setting, or the last column. */
export function planTarget(settings: UploadSettings, columns: string[]): string {
  return resolveTarget(columns, settings.target);
}

/** The default problem type from the file's first rows (classification when there are none). */
export function problemTypeOfRows(head: CsvHead | null, target: string): ProblemType {
  return inferProblemType(head ? columnValues(head, target) : []);
}

/** A whole file needs a header and at least one data row (`records` counts the header too). */
export function checkHasDataRows(records: number, columns: string[] | null): asserts columns is string[] {
  if (records === 0 || !columns) {
    throw new InvalidInputError('The file is empty. Upload a CSV with a header row and at least one data row.');
  }
  if (records === 1) {
    throw new InvalidInputError('The file has a header row but no data rows. Upload a CSV with at least one data row.');
  }
}

/** The TrainingRequested plan: the settings resolved against the header and the problem type. */
export function planTraining(
  settings: UploadSettings,
  csv: { columns: string[]; problemType: ProblemType; rows?: number },
  dataset: DatasetFacts,
): TrainingPlan {
  const target = planTarget(settings, csv.columns);
  const spec = modelSpecOf(settings.modelType ?? defaultModelType(csv.problemType));
  const params = resolveHyperParams(spec, settings.params ?? undefined);
  checkComputeBudget(spec, params, {
    features: csv.columns.length - 1,
    outputs: spec.problemType === 'regression' ? 1 : 2,
    rows: csv.rows,
  });
  return {
    modelName: settings.modelName,
    modelType: spec.key,
    problemType: spec.problemType,
    target,
    paramsJson: JSON.stringify(params),
    dataset: { ...dataset, columns: csv.columns },
  };
}

function parseTrain(raw: string | undefined): boolean {
  const value = raw?.trim().toLowerCase() ?? '';
  if (value === '' || value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new InvalidInputError(
    `train must be true or false (got "${raw}"). Send train=false to store the file as a dataset without training.`,
  );
}

function parseParams(raw: string | undefined): HyperParams | null {
  if (raw === undefined || raw.trim() === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new InvalidInputError(`params is not valid JSON (${(error as Error).message}). Send a JSON object such as {"epochs": 20}.`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InvalidInputError('params must be a JSON object of hyperparameters, such as {"epochs": 20}.');
  }
  return parsed as HyperParams;
}

function parseModelType(raw: string | undefined): ModelType | null {
  const key = raw?.trim();
  if (!key) return null;
  // getModelSpec answers an unknown key with the registry's own 400, which names the known ones.
  return isModelType(key) ? key : getModelSpec(key).key;
}

/** Without a model type the family is chosen later; the names must still be ones some default family knows. */
function checkParamsForDefaultFamilies(params: HyperParams): void {
  const specs = DEFAULT_FAMILIES.map(modelSpecOf);
  const known = new Set(specs.flatMap((spec) => Object.keys(spec.rules)));
  const unknown = Object.keys(params).filter((name) => !known.has(name));
  if (unknown.length) {
    throw new InvalidInputError(
      `Bad hyperparameters: unknown ${unknown.map((u) => `"${u}"`).join(', ')} for the default model types (known: ${[...known].join(', ')}). Name a modelType to use its own hyperparameters.`,
    );
  }
  for (const spec of specs) resolveHyperParams(spec, Object.fromEntries(Object.entries(params).filter(([name]) => name in spec.rules)));
}
