/** The answers of the model detail API (one model, one version), as documented in the OpenAPI document. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ModelVersionInfo } from './models.views';

export class ServingInfo {
  @ApiProperty({ description: 'Prediction requests this instance answered for the version (predict, invocations, batch submissions)' })
  requests!: number;
  @ApiProperty({ description: 'Of those, the ones answered with an error (≥ 400, e.g. rows that do not match the signature)' })
  errors!: number;
  @ApiPropertyOptional({ description: 'Median latency (ms) over the last 10 minutes; absent when none fell in them', example: 4.2 })
  p50Ms?: number;
  @ApiPropertyOptional({ description: '99th percentile latency (ms) over the last 10 minutes', example: 18.7 })
  p99Ms?: number;
}

export class ModelVersionSummary extends ModelVersionInfo {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { accuracy: 0.91, f1: 0.9, val_loss: 0.27 },
    description: "The run's metrics: each key's last logged value (the final evaluation, and the last epoch's loss)",
  })
  metrics!: Record<string, number>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { epochs: '20', learningRate: '0.01', target: 'churned', rows_train: '800' },
    description: "The run's params: the effective hyperparameters and what the data turned out to be (as MLflow keeps them: strings)",
  })
  params!: Record<string, string>;
  @ApiPropertyOptional({ example: 'logistic_regression', description: 'The model family it was trained with' })
  modelType?: string;
  @ApiProperty({ type: ServingInfo, description: 'What this inference instance served with it since it started' })
  serving!: ServingInfo;
}

export class RegisteredModelDetail {
  @ApiProperty({ example: 'churn' }) name!: string;
  @ApiPropertyOptional() description?: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { champion: '3' }, description: 'alias → version' })
  aliases!: Record<string, string>;
  @ApiPropertyOptional({ example: '3', description: 'The highest READY version' }) latestVersion?: string;
  @ApiProperty({ type: [ModelVersionSummary], description: 'Newest first' }) versions!: ModelVersionSummary[];
}

export class SignatureInputInfo {
  @ApiProperty({ example: 'plan' }) name!: string;
  @ApiProperty({ enum: ['numeric', 'categorical'] }) kind!: 'numeric' | 'categorical';
  @ApiPropertyOptional({
    type: [String],
    example: ['basic', 'premium'],
    description: 'Categorical inputs: the levels seen in training; another value is taken as none of them',
  })
  levels?: string[];
  @ApiProperty({
    description: 'Training saw this column blank: a blank (null or "") is imputed as in training. True when the profile is unknown',
  })
  nullable!: boolean;
  @ApiPropertyOptional({ description: 'Blank cells of the column in the training CSV, when known' }) missing?: number;
}

export class SignatureOutputInfo {
  @ApiProperty({ example: 'churned', description: 'The target column' }) name!: string;
  @ApiProperty({ enum: ['numeric', 'categorical'], description: 'categorical for classifiers, numeric for regressors' })
  kind!: 'numeric' | 'categorical';
  @ApiPropertyOptional({ type: [String], example: ['no', 'yes'], description: 'Classifiers: the classes, in probability order' })
  labels?: string[];
}

export class IgnoredColumnInfo {
  @ApiProperty({ example: 'customer_id' }) name!: string;
  @ApiProperty({ example: 'identifier: every value is distinct' }) reason!: string;
}

export class ModelSignatureInfo {
  @ApiProperty({ type: [SignatureInputInfo], description: 'The columns a row must carry, in model order' })
  inputs!: SignatureInputInfo[];
  @ApiProperty({ type: SignatureOutputInfo }) output!: SignatureOutputInfo;
  @ApiProperty({ type: [IgnoredColumnInfo], description: 'Columns training left out: a row may carry them, they are not used' })
  ignored!: IgnoredColumnInfo[];
}

export class ModelVersionDetail extends ModelVersionSummary {
  @ApiProperty({ example: 'churn' }) name!: string;
  @ApiProperty({ example: 'models:/churn@champion', description: 'What the request asked for (a version, an alias or latest)' })
  requested!: string;
  @ApiProperty({ enum: ['classification', 'regression'] }) problemType!: 'classification' | 'regression';
  @ApiProperty({ example: 'churned', description: 'The column the model predicts' }) target!: string;
  @ApiPropertyOptional({
    example: 'http://127.0.0.1:5000/#/experiments/1/runs/0f3c…',
    description: 'The MLflow UI page of the run that produced it',
  })
  runUrl?: string;
  @ApiPropertyOptional({ description: 'The training job that produced it (GET /api/model-train/jobs/:trackingId)' })
  trackingId?: string;
  @ApiProperty({ type: ModelSignatureInfo }) signature!: ModelSignatureInfo;
}
