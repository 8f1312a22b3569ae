/**
 * A loaded, ready-to-predict model version: the libs/ml ModelBundle (fitted model + preprocessor)
 * with what the serving side needs around it — its registry identity, its input signature and the
 * memory it holds.
 */
import { disposeBundle, type InputRow, type ModelBundle, predict, type Prediction } from '@modelstream/ml';
import type { ResolvedModel } from './model-resolver';

export interface SignatureColumn {
  name: string;
  type: 'double' | 'string';
}

export class ServedModel {
  readonly inputs: SignatureColumn[];
  /** Columns a row may carry without being used: the target and the columns training ignored (ids, constants). */
  readonly passThroughColumns: string[];
  readonly bytes: number;

  constructor(
    readonly resolved: ResolvedModel,
    private readonly bundle: ModelBundle,
  ) {
    const spec = bundle.preprocessor.spec;
    this.inputs = bundle.preprocessor.signatureInputs();
    this.passThroughColumns = [spec.target, ...spec.ignored.map((c) => c.name)];
    this.bytes = bundle.model.sizeBytes;
  }

  get name(): string {
    return this.resolved.name;
  }

  get version(): string {
    return this.resolved.version;
  }

  get problemType(): 'classification' | 'regression' {
    return this.bundle.preprocessor.spec.problemType;
  }

  get modelType(): string {
    return this.bundle.meta.modelType;
  }

  get classes(): string[] | undefined {
    return this.bundle.preprocessor.spec.classes;
  }

  get target(): string {
    return this.bundle.preprocessor.spec.target;
  }

  /** Rows must already be checked against `inputs` (SignatureValidator). */
  predict(rows: InputRow[]): Prediction {
    return predict(this.bundle, rows);
  }

  dispose(): void {
    disposeBundle(this.bundle);
  }
}
