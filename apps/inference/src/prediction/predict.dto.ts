/**
 * The bodies of the prediction routes: the JSON Schemas they are checked against (JsonSchemaPipe: a prediction is
 * the hot path, and class-validator cost it about a fifth of its CPU), and the classes that document them in the
 * OpenAPI document. predict.dto.spec.ts holds the two to the same fields.
 */
import { ApiProperty } from '@nestjs/swagger';
import type { BodySchema } from '@modelstream/platform';

const FEATURES = { type: 'array', description: 'Rows of column → value' } as const;

export const PREDICT_BY_VERSION_BODY = {
  type: 'object',
  required: ['features'],
  properties: { features: FEATURES },
} as const satisfies BodySchema;

export const PREDICT_BODY = {
  type: 'object',
  required: ['modelId', 'features'],
  properties: { modelId: { type: 'string' }, features: FEATURES },
} as const satisfies BodySchema;

/** What the pipe hands over: the rows as sent (each row is checked against the model's signature later). */
export interface PredictByVersionBody {
  features: unknown[];
}

export interface PredictBody extends PredictByVersionBody {
  modelId: string;
}

export class PredictByVersionDto implements PredictByVersionBody {
  @ApiProperty({ description: FEATURES.description, example: [{ age: 42, color: 'red' }] })
  features!: Record<string, unknown>[];
}

export class PredictDto extends PredictByVersionDto implements PredictBody {
  @ApiProperty({ description: 'models:/<name>/<version>, models:/<name>@<alias> or models:/<name>/latest', example: 'models:/churn/3' })
  modelId!: string;
}
