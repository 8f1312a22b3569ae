/**
 * The registered model's name: what a training without one is called, and what a name may hold. The ingest
 * API applies it (apps/ingest/src/upload/training-plan.ts); the portal checks it before sending. Pure: no
 * imports, so the browser bundles it as is.
 */

/** 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit (MLflow accepts more; this is ours). */
export const MODEL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export const MODEL_NAME_RULE = 'Use 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit.';

/** The name of a model trained from `filename` when none is asked for: `Iris Data (v2).csv` → `Iris-Data-v2`. */
export function defaultModelName(filename: string): string {
  const stem = filename
    .replace(/\.csv$/i, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+|-+$/g, '');
  return (stem || 'model').slice(0, 100);
}
