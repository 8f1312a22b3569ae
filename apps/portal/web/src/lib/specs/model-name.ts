/** The registered model's name, by the API's rule (training-plan.ts): what it defaults to and what it accepts. */

const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** The name the API gives a model trained from `filename` when none is asked for. */
export function defaultModelName(filename: string): string {
  const stem = filename
    .replace(/\.csv$/i, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+|-+$/g, '');
  return (stem || 'model').slice(0, 100);
}

/** Why `name` is not a valid model name, or undefined when it is (a blank name means the default). */
export function modelNameError(name: string): string | undefined {
  const t = name.trim();
  if (t === '' || MODEL_NAME.test(t)) return undefined;
  return 'Use 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit.';
}
