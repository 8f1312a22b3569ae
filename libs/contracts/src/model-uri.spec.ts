import { InvalidInputError } from './errors';
import { aliasUri, formatModelRef, modelUri, parseModelUri, parseModelVersionUri } from './model-uri';

describe('model URIs', () => {
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

  it('builds the URIs it parses back', () => {
    expect(modelUri('churn', 7)).toBe('models:/churn/7');
    expect(parseModelUri(modelUri('churn', '7'))).toEqual({ kind: 'version', name: 'churn', version: '7' });
    expect(parseModelUri(aliasUri('churn', 'champion'))).toEqual({ kind: 'alias', name: 'churn', alias: 'champion' });
  });

  it('reads the name and version of a version URI, and refuses the other kinds', () => {
    expect(parseModelVersionUri('models:/churn/12')).toEqual({ name: 'churn', version: '12' });
    expect(() => parseModelVersionUri('models:/churn@champion')).toThrow(/no concrete version/);
    expect(() => parseModelVersionUri('models:/churn/latest')).toThrow(InvalidInputError);
  });
});
