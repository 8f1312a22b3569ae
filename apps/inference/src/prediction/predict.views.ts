/** The answers of the prediction APIs, as documented in the OpenAPI document. */
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

/** The error answers of every way to ask a registered model for predictions. */
export const PREDICTION_ERRORS = {
  400: 'A malformed model reference or request, or rows that do not match the model signature (the message names each problem)',
  404: 'No such registered model, version or alias',
  409: 'The version is not READY yet',
  422: 'The version has artifacts that are not a modelstream model',
  503: 'The MLflow registry or the object store is unreachable; retry after Retry-After seconds',
} as const;

export class ClassPrediction {
  @ApiProperty({ example: 'yes', description: 'The predicted class' }) label!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { no: 0.12, yes: 0.88 },
    description: 'Probability of each class',
  })
  probabilities!: Record<string, number>;
}

export class ValuePrediction {
  @ApiProperty({ example: 42.5, description: 'The predicted value' }) value!: number;
}

@ApiExtraModels(ClassPrediction, ValuePrediction)
export class PredictAnswer {
  @ApiProperty({ enum: ['success'] }) status!: 'success';
  @ApiProperty({ example: 'models:/churn/3', description: 'The concrete version that answered' }) modelId!: string;
  @ApiProperty({ example: 'models:/churn@champion', description: 'What the request asked for (a version, an alias or latest)' })
  requested!: string;
  @ApiProperty({ example: 'churn' }) name!: string;
  @ApiProperty({ example: '3' }) version!: string;
  @ApiProperty({ example: 'logistic_regression' }) modelType!: string;
  @ApiProperty({ enum: ['classification', 'regression'] }) problemType!: 'classification' | 'regression';
  @ApiProperty({ example: 'churned', description: 'The column the model predicts' }) target!: string;
  @ApiPropertyOptional({ type: [String], description: 'Classifiers only: the classes, in the order of their probabilities' })
  classes?: string[];
  @ApiProperty({
    type: 'array',
    items: { oneOf: [{ $ref: getSchemaPath(ClassPrediction) }, { $ref: getSchemaPath(ValuePrediction) }] },
    description: 'One per input row, in order: a label with probabilities (classifiers) or a value (regressors)',
  })
  predictions!: (ClassPrediction | ValuePrediction)[];
}

/** MLflow's scoring protocol answer, as `mlflow models serve` gives it. */
export class ScoringAnswer {
  @ApiProperty({
    type: 'array',
    items: { oneOf: [{ type: 'string' }, { type: 'number' }] },
    example: ['yes', 'no'],
    description: 'One per input row: the label (classifiers) or the value (regressors)',
  })
  predictions!: (string | number)[];
}
