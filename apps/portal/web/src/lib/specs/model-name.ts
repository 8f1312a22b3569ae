/** The registered model's name, by the API's own rule (libs/contracts naming.ts): its default and what it accepts. */
import { defaultModelName, MODEL_NAME_PATTERN, MODEL_NAME_RULE } from '@contracts/naming';

export { defaultModelName };

/** Why `name` is not a valid model name, or undefined when it is (a blank name means the default). */
export function modelNameError(name: string): string | undefined {
  const t = name.trim();
  if (t === '' || MODEL_NAME_PATTERN.test(t)) return undefined;
  return MODEL_NAME_RULE;
}
