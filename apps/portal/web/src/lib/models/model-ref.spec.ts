import { aliasProblem, refChoice, refFromChoice, refFromQuery, refLabel, refPath, refQuery, refUri } from './model-ref';

describe('model refs', () => {
  it('reads a version, an alias or latest from the query string', () => {
    expect(refFromQuery(new URLSearchParams('model=churn&version=3'))).toEqual({ name: 'churn', version: '3' });
    expect(refFromQuery(new URLSearchParams('model=churn&alias=champion'))).toEqual({ name: 'churn', alias: 'champion' });
    expect(refFromQuery(new URLSearchParams('model=churn'))).toEqual({ name: 'churn', version: 'latest' });
    expect(refFromQuery(new URLSearchParams('alias=champion'))).toBeUndefined();
  });

  it('gives the API path, the models:/ URI, the query and the label of a ref', () => {
    const byAlias = { name: 'my model', alias: 'champion' };
    const byVersion = { name: 'churn', version: '3' };
    expect(refPath(byAlias)).toBe('/api/models/my%20model/aliases/champion');
    expect(refPath(byVersion)).toBe('/api/models/churn/versions/3');
    expect(refUri(byAlias)).toBe('models:/my model@champion');
    expect(refUri(byVersion)).toBe('models:/churn/3');
    expect(refQuery(byAlias)).toBe('model=my+model&alias=champion');
    expect(refLabel(byVersion)).toBe('churn v3');
    expect(refLabel(byAlias)).toBe('my model @champion');
  });

  it('round-trips the version-or-alias choice of a select', () => {
    for (const ref of [
      { name: 'm', version: '2' },
      { name: 'm', alias: 'prod' },
      { name: 'm', version: 'latest' },
    ]) {
      expect(refFromChoice('m', refChoice(ref))).toEqual(ref);
    }
  });

  it('checks alias names as the API does', () => {
    expect(aliasProblem('champion')).toBeNull();
    expect(aliasProblem('blue-green_2')).toBeNull();
    expect(aliasProblem('')).toMatch(/Enter an alias/);
    expect(aliasProblem('has space')).toMatch(/letters, digits/);
    expect(aliasProblem('v3')).toMatch(/reads as a version/);
    expect(aliasProblem('Latest')).toMatch(/reads as a version/);
    expect(aliasProblem('7')).toMatch(/reads as a version/);
  });
});
