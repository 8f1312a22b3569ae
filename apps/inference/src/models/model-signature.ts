/**
 * A version's signature as a form can use it: each input column with its kind, the categorical levels
 * the model was trained with and whether training saw it blank, and the output with its labels. It comes
 * from the fitted preprocessor (preprocessing.json: kinds, levels, classes) and the run's columns.json
 * (the trainer's column profile: missing counts), not from MLmodel's signature, which has only types.
 */
import type { ColumnRole, PreprocessingJSON } from '@modelstream/ml';

export interface SignatureInput {
  name: string;
  kind: 'numeric' | 'categorical';
  /** Categorical inputs: the levels seen in training (sorted). Any other value encodes as "none of them". */
  levels?: string[];
  /**
   * Training saw this column blank, so a blank is a value the model knows (imputed as in training).
   * Without the trainer's column profile it is true: the model imputes a blank in any column.
   */
  nullable: boolean;
  /** Blank cells of the column in the training CSV, when known. */
  missing?: number;
}

export interface SignatureOutput {
  name: string;
  kind: 'numeric' | 'categorical';
  /** Classifiers: the classes, in the order of their probabilities. */
  labels?: string[];
}

export interface SignatureView {
  inputs: SignatureInput[];
  output: SignatureOutput;
  /** Columns training left out (ids, constants, …): a row may carry them; they are not used. */
  ignored: { name: string; reason: string }[];
}

/** The signature of a model trained with `spec`; `columns` is the run's column profile when there is one. */
export function signatureView(spec: PreprocessingJSON, columns?: ColumnRole[]): SignatureView {
  const missingOf = new Map((columns ?? []).map((c) => [c.name, 'missing' in c ? c.missing : undefined]));
  const inputs = spec.features.map((f): SignatureInput => {
    const missing = missingOf.get(f.name);
    const nullable = missing === undefined ? true : missing > 0;
    const known = missing === undefined ? {} : { missing };
    return f.kind === 'numeric'
      ? { name: f.name, kind: 'numeric', nullable, ...known }
      : { name: f.name, kind: 'categorical', levels: [...f.levels], nullable, ...known };
  });
  const output: SignatureOutput =
    spec.problemType === 'classification'
      ? { name: spec.target, kind: 'categorical', labels: [...(spec.classes ?? [])] }
      : { name: spec.target, kind: 'numeric' };
  return { inputs, output, ignored: spec.ignored.map(({ name, reason }) => ({ name, reason })) };
}
