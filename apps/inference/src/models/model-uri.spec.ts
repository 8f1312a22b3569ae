import { InvalidInputError } from '@modelstream/contracts';
import { formatModelRef, parseModelUri } from './model-uri';

describe('parseModelUri', () => {
  it.each([
    ['models:/churn/3', { kind: 'version', name: 'churn', version: '3' }],
    ['models:/churn@champion', { kind: 'alias', name: 'churn', alias: 'champion' }],
    ['models:/churn/latest', { kind: 'latest', name: 'churn' }],
    ['models:/my model-v2/12', { kind: 'version', name: 'my model-v2', version: '12' }],
  ])('parses %s', (uri, ref) => {
    expect(parseModelUri(uri)).toEqual(ref);
    expect(formatModelRef(parseModelUri(uri))).toBe(uri);
  });

  it.each(['churn/3', 'models:/churn', 'models:/churn/0', 'models:/churn/v3', 'models:/churn@', 'models:/@champ', 'models://3', 42, null])(
    'rejects %p with an InvalidInputError',
    (uri) => {
      expect(() => parseModelUri(uri)).toThrow(InvalidInputError);
    },
  );
});
