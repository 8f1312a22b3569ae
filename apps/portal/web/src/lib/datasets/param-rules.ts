/**
 * The hyperparameter rules of `GET /api/model-specs` (typed `unknown` in the OpenAPI document) read into a
 * typed shape, and the form values they make: text in, checked values out, with the API's own limits, so a
 * bad value is caught before anything is sent.
 */
import type { ModelSpec } from '@sdk/types';

export type ParamRule =
  | { kind: 'number'; min: number; max: number; integer?: boolean; description: string }
  | { kind: 'enum'; values: readonly string[]; description: string }
  | { kind: 'int-list'; min: number; max: number; maxLength: number; description: string };

export type ParamValue = number | string | number[];

export interface ParamField {
  name: string;
  rule: ParamRule;
  /** The default as the form shows it. */
  defaultText: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A rule as the API sends it, or null for a shape this page does not know (it is then left to its default). */
export function readRule(value: unknown): ParamRule | null {
  if (!isRecord(value)) return null;
  const description = typeof value.description === 'string' ? value.description : '';
  if (value.kind === 'number' && isNum(value.min) && isNum(value.max)) {
    return { kind: 'number', min: value.min, max: value.max, integer: value.integer === true, description };
  }
  if (value.kind === 'enum' && Array.isArray(value.values) && value.values.every((v) => typeof v === 'string')) {
    return { kind: 'enum', values: value.values as string[], description };
  }
  if (value.kind === 'int-list' && isNum(value.min) && isNum(value.max) && isNum(value.maxLength)) {
    return { kind: 'int-list', min: value.min, max: value.max, maxLength: value.maxLength, description };
  }
  return null;
}

/** A value as a form shows it: lists as "64, 32". */
export function valueText(value: unknown): string {
  if (Array.isArray(value)) return value.join(', ');
  return value === undefined || value === null ? '' : String(value);
}

/** The editable hyperparameters of a family, in the spec's order. */
export function paramFields(spec: ModelSpec): ParamField[] {
  const fields: ParamField[] = [];
  for (const [name, raw] of Object.entries(spec.rules)) {
    const rule = readRule(raw);
    if (rule) fields.push({ name, rule, defaultText: valueText(spec.defaults[name]) });
  }
  return fields;
}

/** "between 1 and 1000, whole numbers" — what a field accepts, for its hint. */
export function ruleHint(rule: ParamRule): string {
  switch (rule.kind) {
    case 'number':
      return `${rule.min} to ${rule.max}${rule.integer ? ', a whole number' : ''}`;
    case 'enum':
      return `one of ${rule.values.join(', ')}`;
    case 'int-list':
      return `1 to ${rule.maxLength} whole numbers from ${rule.min} to ${rule.max}, comma-separated`;
  }
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** One number checked against a number rule. */
export function parseNumber(text: string, rule: Extract<ParamRule, { kind: 'number' }>, name: string): Parsed<number> {
  const trimmed = text.trim();
  const value = trimmed === '' ? NaN : Number(trimmed);
  if (!Number.isFinite(value)) return { ok: false, error: `${name}: "${trimmed}" is not a number.` };
  if (rule.integer && !Number.isInteger(value)) return { ok: false, error: `${name}: ${trimmed} must be a whole number.` };
  if (value < rule.min || value > rule.max) {
    return { ok: false, error: `${name}: ${trimmed} is out of range; use ${rule.min} to ${rule.max}.` };
  }
  return { ok: true, value };
}

/** A form field's text checked against its rule. */
export function parseParam(text: string, rule: ParamRule, name: string): Parsed<ParamValue> {
  switch (rule.kind) {
    case 'number':
      return parseNumber(text, rule, name);
    case 'enum':
      return rule.values.includes(text.trim())
        ? { ok: true, value: text.trim() }
        : { ok: false, error: `${name}: pick one of ${rule.values.join(', ')}.` };
    case 'int-list': {
      const parts = text.split(/[\s,]+/).filter(Boolean);
      if (parts.length === 0 || parts.length > rule.maxLength) {
        return { ok: false, error: `${name}: give 1 to ${rule.maxLength} whole numbers, e.g. 64, 32.` };
      }
      const values = parts.map(Number);
      if (!values.every((v) => Number.isInteger(v) && v >= rule.min && v <= rule.max)) {
        return { ok: false, error: `${name}: every entry must be a whole number from ${rule.min} to ${rule.max}.` };
      }
      return { ok: true, value: values };
    }
  }
}

/**
 * The `params` of a training request from the form's texts: only the values that differ from the family's
 * defaults (an empty field means the default), or an error per field.
 */
export function paramsFromForm(
  spec: ModelSpec,
  texts: Readonly<Record<string, string>>,
): { params: Record<string, ParamValue>; errors: Record<string, string> } {
  const params: Record<string, ParamValue> = {};
  const errors: Record<string, string> = {};
  for (const field of paramFields(spec)) {
    const text = texts[field.name];
    if (text === undefined || text.trim() === '' || text.trim() === field.defaultText) continue;
    const parsed = parseParam(text, field.rule, field.name);
    if (!parsed.ok) errors[field.name] = parsed.error;
    else if (valueText(parsed.value) !== field.defaultText) params[field.name] = parsed.value;
  }
  return { params, errors };
}
