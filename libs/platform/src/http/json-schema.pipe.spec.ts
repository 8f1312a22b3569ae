import { BadRequestException } from '@nestjs/common';
import { BodySchema, JsonSchemaPipe } from './json-schema.pipe';

const schema = {
  type: 'object',
  required: ['modelId', 'features'],
  properties: { modelId: { type: 'string' }, features: { type: 'array' }, limit: { type: ['integer', 'null'] } },
} as const satisfies BodySchema;
const pipe = new JsonSchemaPipe(schema);

function refusal(value: unknown): string[] {
  try {
    pipe.transform(value);
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return ((error as BadRequestException).getResponse() as { message: string[] }).message;
  }
  throw new Error('accepted');
}

describe('JsonSchemaPipe', () => {
  it('hands an accepted body over as sent: the same object, unknown fields and all', () => {
    const body = { modelId: 'models:/churn/3', features: [{ constructor: 1, __proto__: 2 }], extra: true };
    expect(pipe.transform(body)).toBe(body);
  });

  it('names every broken rule as class-validator words it', () => {
    expect(refusal({ modelId: 3, features: 'rows', limit: 1.5 })).toEqual([
      'modelId must be a string',
      'features must be an array',
      'limit must be an integer number or null',
    ]);
  });

  it('names a missing field by what it must be', () => {
    expect(refusal({})).toEqual(['modelId must be a string', 'features must be an array']);
  });

  it('refuses a body that is not a JSON object, saying what to send', () => {
    for (const body of [[], 'rows', null, 42])
      expect(refusal(body)).toEqual(['The body must be a JSON object. Send the fields as a JSON object.']);
  });
});
