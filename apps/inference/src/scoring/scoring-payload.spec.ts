import { InvalidInputError } from '@modelstream/contracts';
import { parseScoringPayload } from './scoring-payload';

const columns = ['x', 'color'];
const expected = [
  { x: 1.5, color: 'red' },
  { x: -2, color: 'blue' },
];
const json = 'application/json';

describe('parseScoringPayload', () => {
  it.each([
    [
      'dataframe_split',
      {
        dataframe_split: {
          columns,
          data: [
            [1.5, 'red'],
            [-2, 'blue'],
          ],
        },
      },
    ],
    [
      'dataframe_split with index',
      {
        dataframe_split: {
          index: [0, 1],
          columns,
          data: [
            [1.5, 'red'],
            [-2, 'blue'],
          ],
        },
      },
    ],
    ['dataframe_records', { dataframe_records: expected }],
    ['instances as records', { instances: expected }],
    [
      'instances as positional rows',
      {
        instances: [
          [1.5, 'red'],
          [-2, 'blue'],
        ],
      },
    ],
    ['inputs by column', { inputs: { x: [1.5, -2], color: ['red', 'blue'] } }],
    ['inputs with params', { inputs: expected, params: { anything: 1 } }],
  ])('reads %s', (_, body) => {
    expect(parseScoringPayload(json, body, columns)).toEqual(expected);
  });

  it('reads a flat list of instances for a single-input model', () => {
    expect(parseScoringPayload(json, { instances: [1, 2] }, ['x'])).toEqual([{ x: 1 }, { x: 2 }]);
  });

  it('reads text/csv into string cells', () => {
    expect(parseScoringPayload('text/csv; charset=utf-8', 'x,color\n1.5,red\n-2,blue\n', columns)).toEqual([
      { x: '1.5', color: 'red' },
      { x: '-2', color: 'blue' },
    ]);
  });

  it.each([
    ['two formats', { instances: [], inputs: [] }, /exactly one/],
    ['no format', { rows: [] }, /unexpected keys rows/],
    ['ragged split', { dataframe_split: { columns, data: [[1]] } }, /row 0 must be a list of 2 values/],
    ['ragged inputs object', { inputs: { x: [1, 2], color: ['a'] } }, /one length/],
    ['records not a list', { dataframe_records: { x: 1 } }, /must be a list/],
  ])('rejects %s', (_, body, message) => {
    expect(() => parseScoringPayload(json, body, columns)).toThrow(message);
  });

  it('rejects other content types', () => {
    expect(() => parseScoringPayload('text/plain', 'x', columns)).toThrow(InvalidInputError);
  });
});
