/**
 * A sweep as the form builds it: the grid's texts ("0.01, 0.1") read into values checked against each
 * hyperparameter's rule, the metrics a problem type may rank by, the number of trainings, and the request body
 * of `POST /api/datasets/:id/sweeps`. The metrics and the limit are the API's own (libs/contracts sweep-metrics.ts);
 * checking them here tells a person what is wrong before anything is sent.
 */
import { MAX_COMBINATIONS, metricsFor, SWEEP_METRICS } from '@contracts/sweep-metrics';
import type { ModelSpec, SweepRequest } from '@sdk/types';
import { checkField, paramFields, type FieldCheck, type ParamField } from '../specs/spec-form';

export type ProblemType = ModelSpec['problemType'];

export { MAX_COMBINATIONS, SWEEP_METRICS };

export type GridValue = number | string;

/** A hyperparameter a grid can vary (numbers and choices) and the chosen families that have it. */
export interface GridField extends ParamField {
  families: string[];
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export { metricsFor };

/** The hyperparameters a grid can vary for these families (numbers and choices; lists stay at their default). */
export function gridFields(families: readonly ModelSpec[]): GridField[] {
  const byName = new Map<string, GridField>();
  for (const spec of families) {
    for (const field of paramFields(spec)) {
      if (field.kind !== 'number' && field.kind !== 'integer' && field.kind !== 'enum') continue;
      const known = byName.get(field.name);
      if (known) known.families.push(spec.key);
      else byName.set(field.name, { ...field, families: [spec.key] });
    }
  }
  return [...byName.values()];
}

/**
 * "0.01, 0.1" → [0.01, 0.1]: values split by commas, semicolons or spaces, each checked against the field's rule
 * (the spec form's checks); duplicates dropped; an empty text is [] (not varied).
 */
export function parseGridValues(text: string, field: ParamField): Parsed<GridValue[]> {
  const parts = text
    .split(field.kind === 'enum' ? /[,;]+/ : /[\s,;]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const values: GridValue[] = [];
  for (const part of parts) {
    const check: FieldCheck = checkField(field, part);
    if (!check.ok) return { ok: false, error: `${check.error} ("${part}")` };
    const value = check.value as GridValue;
    if (!values.includes(value)) values.push(value);
  }
  return { ok: true, value: values };
}

/** Trainings a sweep makes: per family, the product of its grid keys' value counts (1 when none applies). */
export function countCombinations(families: readonly ModelSpec[], grid: Readonly<Record<string, readonly unknown[]>>): number {
  return families.reduce((sum, spec) => {
    const keys = Object.keys(grid).filter((k) => Object.hasOwn(spec.rules, k) && grid[k].length > 0);
    return sum + keys.reduce((product, k) => product * grid[k].length, 1);
  }, 0);
}

/** Alias names the registry takes: letters, digits, "_" and "-"; not "latest" nor version-like ("3", "v3"). */
export function aliasProblem(alias: string): string | null {
  if (!/^[A-Za-z0-9_-]{1,255}$/.test(alias)) return 'Use letters, digits, "_" and "-" only (e.g. champion).';
  if (alias.toLowerCase() === 'latest' || /^v?\d+$/i.test(alias)) return `"${alias}" is reserved; pick a name like champion.`;
  return null;
}

export interface SweepForm {
  target: string;
  modelTypes: readonly string[];
  /** Grid texts by hyperparameter name; empty = not varied. */
  grid: Readonly<Record<string, string>>;
  metric: string;
  modelName: string;
  promoteAlias: string;
}

export type SweepBuild =
  { ok: true; request: SweepRequest; combinations: number } | { ok: false; errors: Record<string, string>; combinations: number };

/** The request body of a sweep from the form, or what is wrong with it, per field (`modelTypes`, `metric`, a grid key…). */
export function buildSweepRequest(form: SweepForm, specs: readonly ModelSpec[]): SweepBuild {
  const errors: Record<string, string> = {};
  const families = form.modelTypes.map((key) => specs.find((s) => s.key === key)).filter((s): s is ModelSpec => s !== undefined);
  if (families.length === 0) errors.modelTypes = 'Pick at least one model family.';
  const problemTypes = new Set(families.map((f) => f.problemType));
  if (problemTypes.size > 1) errors.modelTypes = 'Pick families of one problem type (all classifiers or all regressors).';

  const grid: Record<string, GridValue[]> = {};
  for (const field of gridFields(families)) {
    const text = form.grid[field.name] ?? '';
    const parsed = parseGridValues(text, field);
    if (!parsed.ok) errors[field.name] = parsed.error;
    else if (parsed.value.length > 0) grid[field.name] = parsed.value;
  }

  const metric = SWEEP_METRICS[form.metric];
  if (!metric) errors.metric = 'Pick the metric to rank by.';
  else if (problemTypes.size === 1 && !problemTypes.has(metric.problemType)) {
    errors.metric = `${form.metric} ranks ${metric.problemType} models; pick one of ${metricsFor([...problemTypes][0]).join(', ')}.`;
  }

  const alias = form.promoteAlias.trim();
  const aliasError = alias ? aliasProblem(alias) : null;
  if (aliasError) errors.promoteAlias = aliasError;

  const combinations = countCombinations(families, grid);
  if (combinations > MAX_COMBINATIONS) {
    errors.grid = `${combinations} trainings is more than the ${MAX_COMBINATIONS} a sweep may run; use fewer values.`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors, combinations };

  const request: SweepRequest = { modelTypes: families.map((f) => f.key), metric: form.metric };
  if (Object.keys(grid).length > 0) request.grid = grid;
  if (form.target) request.target = form.target;
  if (form.modelName.trim()) request.modelName = form.modelName.trim();
  if (alias) request.promoteAlias = alias;
  return { ok: true, request, combinations };
}
