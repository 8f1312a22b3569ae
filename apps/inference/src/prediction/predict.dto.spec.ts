import 'reflect-metadata';
import { Type } from '@nestjs/common';
import { BodySchema } from '@modelstream/platform';
import { PREDICT_BODY, PREDICT_BY_VERSION_BODY, PredictByVersionDto, PredictDto } from './predict.dto';

/** The properties the OpenAPI document shows for a class (@nestjs/swagger's metadata), with whether each is required. */
function documented(type: Type<unknown>): Record<string, boolean> {
  const names = (Reflect.getMetadata('swagger/apiModelPropertiesArray', type.prototype) as string[]).map((n) => n.slice(1));
  return Object.fromEntries(
    names.map((name) => {
      const options = Reflect.getMetadata('swagger/apiModelProperties', type.prototype, name) as { required?: boolean };
      return [name, options.required !== false];
    }),
  );
}

const checked = (schema: BodySchema): Record<string, boolean> =>
  Object.fromEntries(Object.keys(schema.properties).map((name) => [name, (schema.required ?? []).includes(name)]));

describe('prediction bodies', () => {
  it.each([
    ['POST /api/predict', PredictDto, PREDICT_BODY],
    ['POST …/versions|aliases/…/predict', PredictByVersionDto, PREDICT_BY_VERSION_BODY],
  ])('%s: the schema checks the fields the OpenAPI document shows, required alike', (_route, dto, schema) => {
    expect(checked(schema)).toEqual(documented(dto));
  });
});
