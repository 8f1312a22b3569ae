import { csvLine, resultsHeader, resultsLines } from './results-csv';

describe('results CSV', () => {
  it('quotes cells that need it and leaves the rest alone', () => {
    expect(csvLine(['plain', 1.5, null, 'a,b', 'say "hi"', ' padded', 'two\nlines'])).toBe(
      'plain,1.5,,"a,b","say ""hi"""," padded","two\nlines"',
    );
  });

  it('appends the label and one probability column per class after the input columns', () => {
    const columns = ['id', 'x'];
    expect(resultsHeader(columns, ['no', 'yes'])).toEqual(['id', 'x', 'prediction', 'probability_no', 'probability_yes']);
    const lines = resultsLines(columns, [{ id: '7', x: '0.5' }], {
      problemType: 'classification',
      classes: ['no', 'yes'],
      labels: ['yes'],
      probabilities: [{ no: 0.25, yes: 0.75 }],
    });
    expect(lines).toEqual(['7,0.5,yes,0.25,0.75']);
  });

  it('appends the value for a regressor', () => {
    expect(resultsHeader(['x'], undefined)).toEqual(['x', 'prediction']);
    expect(resultsLines(['x'], [{ x: '2' }], { problemType: 'regression', target: 'y', values: [4.5] })).toEqual(['2,4.5']);
  });
});
