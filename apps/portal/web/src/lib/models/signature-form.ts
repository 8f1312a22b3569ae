/**
 * The Predict form, generated from a version's signature: a number input per numeric column, a select of the
 * training levels per categorical one, an empty choice where training had missing values (nullable) and a
 * required value elsewhere; and the features row the form's values make, with an error per field.
 */
import type { Signature, SignatureColumn } from './types';

export interface FormField {
  name: string;
  /** `number`: a numeric input; `select`: one of `options`; `text`: a categorical column without known levels. */
  input: 'number' | 'select' | 'text';
  /** The training levels (selects only), sorted as training listed them. */
  options: string[];
  /** A blank is allowed (sent as null, imputed as in training). */
  nullable: boolean;
  hint: string;
}

/** What the inputs hold: text, as the form has it. */
export type FormValues = Record<string, string>;

export type FeatureValue = number | string | null;

export type FeatureRow = Record<string, FeatureValue>;

export type BuildResult = { ok: true; row: FeatureRow } | { ok: false; errors: Record<string, string> };

export function formFields(signature: Signature): FormField[] {
  return signature.inputs.map(fieldOf);
}

function fieldOf(column: SignatureColumn): FormField {
  const blank = column.nullable ? 'blank allowed (training had blanks)' : 'required';
  if (column.kind === 'numeric')
    return { name: column.name, input: 'number', options: [], nullable: column.nullable, hint: `number, ${blank}` };
  const levels = column.levels ?? [];
  if (levels.length === 0) return { name: column.name, input: 'text', options: [], nullable: column.nullable, hint: `text, ${blank}` };
  return { name: column.name, input: 'select', options: [...levels], nullable: column.nullable, hint: `${levels.length} levels, ${blank}` };
}

/** Blank values for every field (a select without an empty choice starts on its first level). */
export function initialValues(fields: FormField[]): FormValues {
  return Object.fromEntries(fields.map((f) => [f.name, f.input === 'select' && !f.nullable ? (f.options[0] ?? '') : '']));
}

/**
 * Values taken from a data row (e.g. a CSV record) where they fit the form: numbers as typed, levels that
 * training knew; anything else, and missing cells, left blank.
 */
export function valuesFromRecord(fields: FormField[], record: Record<string, unknown>): FormValues {
  const values = initialValues(fields);
  for (const f of fields) {
    const raw = record[f.name];
    if (raw === undefined || raw === null) continue;
    const text = String(raw).trim();
    if (f.input === 'number' && text !== '' && Number.isFinite(Number(text))) values[f.name] = text;
    else if (f.input === 'select' && f.options.includes(text)) values[f.name] = text;
    else if (f.input === 'text') values[f.name] = text;
  }
  return values;
}

/**
 * Checks one field's value: the error a person reads under the field, or null. `unreadable`: the browser holds
 * text in a number input that is no number (it reports such a value as blank, which must not pass as missing).
 */
export function fieldError(field: FormField, value: string | undefined, unreadable = false): string | null {
  if (unreadable && field.input === 'number') return 'Enter a number (e.g. 3.5 or -2e3).';
  const text = (value ?? '').trim();
  if (text === '') {
    if (field.nullable) return null;
    return field.input === 'number'
      ? `Enter a number: training had no missing values in ${field.name}.`
      : `Choose a value: training had no missing values in ${field.name}.`;
  }
  if (field.input === 'number' && !Number.isFinite(Number(text))) return `Enter a number (e.g. 3.5), not "${text}".`;
  if (field.input === 'select' && !field.options.includes(text)) {
    return `"${text}" was not seen in training; choose one of ${field.options.slice(0, 5).join(', ')}${field.options.length > 5 ? ', …' : ''}.`;
  }
  return null;
}

/**
 * The features row of the form's values: numbers parsed, blanks → null (nullable fields only). `unreadable`
 * names the number inputs whose text the browser could not read as a number.
 */
export function toFeatureRow(fields: FormField[], values: FormValues, unreadable: ReadonlySet<string> = new Set()): BuildResult {
  const errors: Record<string, string> = {};
  const row: FeatureRow = {};
  for (const f of fields) {
    const problem = fieldError(f, values[f.name], unreadable.has(f.name));
    if (problem) {
      errors[f.name] = problem;
      continue;
    }
    const text = (values[f.name] ?? '').trim();
    row[f.name] = text === '' ? null : f.input === 'number' ? Number(text) : text;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, row };
}
