/**
 * A hyperparameter form generated from a model family's rules (GET /api/model-specs, ModelSpecView): one field
 * per rule with its kind, range or values, default and description, and the same checks the API makes, so a bad
 * value is caught in the browser with a message per field. Form values are the inputs' text; `validateParams`
 * turns them into the `params` object the API takes. Pure: pages render `ParamField`s however they like.
 */
import type { ModelSpec } from '@sdk/types';

export type ParamKind = 'integer' | 'number' | 'enum' | 'int-list' | 'json';

export interface ParamField {
  name: string;
  kind: ParamKind;
  description: string;
  min?: number;
  max?: number;
  /** enum: the allowed values. */
  values?: string[];
  /** int-list: most entries. */
  maxLength?: number;
  /** The spec's default, as the API takes it. */
  defaultValue: unknown;
}

/** Text of each field, by name. */
export type ParamTexts = Record<string, string>;

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The fields of a spec, in the order its rules list them. A rule of a kind this portal does not know becomes a JSON field. */
export function paramFields(spec: Pick<ModelSpec, 'rules' | 'defaults'>): ParamField[] {
  const rules = (spec.rules ?? {}) as Record<string, Record<string, unknown>>;
  const defaults = (spec.defaults ?? {}) as Record<string, unknown>;
  return Object.entries(rules).map(([name, rule]) => {
    const description = typeof rule?.description === 'string' ? rule.description : '';
    const base = { name, description, defaultValue: defaults[name], min: num(rule?.min), max: num(rule?.max) };
    switch (rule?.kind) {
      case 'number':
        return { ...base, kind: rule.integer === true ? 'integer' : 'number' };
      case 'enum':
        return { ...base, kind: 'enum', values: Array.isArray(rule.values) ? rule.values.map(String) : [] };
      case 'int-list':
        return { ...base, kind: 'int-list', maxLength: num(rule.maxLength) };
      default:
        return { ...base, kind: 'json' };
    }
  });
}

/** A value as its field's text: lists as "64, 32", unknown kinds as JSON. */
export function toText(field: ParamField, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (field.kind === 'int-list' && Array.isArray(value)) return value.join(', ');
  if (field.kind === 'json') return JSON.stringify(value);
  return String(value);
}

/** The texts of a fresh form: each field's default, overridden by `given` (e.g. the hyperparameters of an earlier job). */
export function initialTexts(fields: readonly ParamField[], given: Record<string, unknown> = {}): ParamTexts {
  return Object.fromEntries(fields.map((f) => [f.name, toText(f, Object.hasOwn(given, f.name) ? given[f.name] : f.defaultValue)]));
}

export type FieldCheck = { ok: true; value: unknown } | { ok: false; error: string };

const range = (f: ParamField) =>
  f.min !== undefined && f.max !== undefined
    ? `between ${f.min} and ${f.max}`
    : f.min !== undefined
      ? `at least ${f.min}`
      : `at most ${f.max}`;

function checkNumber(f: ParamField, n: number, what: string): string | undefined {
  if (f.kind === 'integer' || f.kind === 'int-list') {
    if (!Number.isInteger(n)) return `${what} must be a whole number`;
  }
  if ((f.min !== undefined && n < f.min) || (f.max !== undefined && n > f.max)) return `${what} must be ${range(f)}`;
  return undefined;
}

/** Checks one field's text against its rule; an empty text is an error (clear it back to the default instead). */
export function checkField(field: ParamField, text: string): FieldCheck {
  const t = text.trim();
  const label = field.name;
  if (t === '') return { ok: false, error: `${label} is required (default ${toText(field, field.defaultValue) || 'none'})` };
  switch (field.kind) {
    case 'integer':
    case 'number': {
      const n = Number(t);
      if (!Number.isFinite(n) || /^[+-]?0[xob]/i.test(t)) return { ok: false, error: `${label} must be a number` };
      const error = checkNumber(field, n, label);
      return error ? { ok: false, error } : { ok: true, value: n };
    }
    case 'enum':
      return field.values?.includes(t)
        ? { ok: true, value: t }
        : { ok: false, error: `${label} must be one of ${field.values?.join(', ')}` };
    case 'int-list': {
      const parts = t.split(/[\s,]+/).filter(Boolean);
      const most = field.maxLength ?? Infinity;
      if (parts.length === 0 || parts.length > most) {
        return { ok: false, error: `${label} must list 1 to ${most} whole numbers, e.g. 64, 32` };
      }
      const values = parts.map(Number);
      for (const [i, v] of values.entries()) {
        if (!Number.isFinite(v)) return { ok: false, error: `${label}: "${parts[i]}" is not a number` };
        const error = checkNumber(field, v, `each entry of ${label}`);
        if (error) return { ok: false, error };
      }
      return { ok: true, value: values };
    }
    case 'json':
      try {
        return { ok: true, value: JSON.parse(t) as unknown };
      } catch {
        return { ok: false, error: `${label} must be JSON, e.g. ${toText(field, field.defaultValue) || '1'}` };
      }
  }
}

export interface ParamsCheck {
  /** The params to send (every field), when no field has an error. */
  params: Record<string, unknown>;
  /** Error message by field name; empty when all are good. */
  errors: Record<string, string>;
  ok: boolean;
}

/** Checks every field; `params` holds every good field's value. */
export function validateParams(fields: readonly ParamField[], texts: ParamTexts): ParamsCheck {
  const params: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const check = checkField(field, texts[field.name] ?? '');
    if (check.ok) params[field.name] = check.value;
    else errors[field.name] = check.error;
  }
  return { params, errors, ok: Object.keys(errors).length === 0 };
}

/** The `step` of a numeric input: 1 for whole numbers, any for the rest. */
export function inputStep(field: ParamField): string {
  return field.kind === 'integer' ? '1' : 'any';
}

/** A line under a field: its description, range and default. */
export function fieldHint(field: ParamField): string {
  const parts = [field.description];
  if (field.kind === 'int-list') parts.push(`up to ${field.maxLength ?? '∞'} entries, each ${range(field)}`);
  else if (field.min !== undefined || field.max !== undefined) parts.push(range(field));
  const d = toText(field, field.defaultValue);
  if (d !== '') parts.push(`default ${d}`);
  return parts.filter(Boolean).join(' · ');
}

/** The family to start with for a problem: the API's own default for it when listed, else its first family. */
export function defaultFamily(
  specs: readonly Pick<ModelSpec, 'key' | 'problemType'>[],
  problemType: 'classification' | 'regression',
): string | undefined {
  const preferred = problemType === 'classification' ? 'logistic_regression' : 'linear_regression';
  return specs.find((s) => s.key === preferred)?.key ?? specs.find((s) => s.problemType === problemType)?.key ?? specs[0]?.key;
}

/**
 * The texts of a family's form: its defaults, with the values the person typed for fields of the same name (so
 * epochs set before switching family stay), except fields the new family does not have.
 */
export function textsForFamily(fields: readonly ParamField[], edited: ParamTexts): ParamTexts {
  const texts = initialTexts(fields);
  for (const f of fields) if (Object.hasOwn(edited, f.name)) texts[f.name] = edited[f.name];
  return texts;
}
