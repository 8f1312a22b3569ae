import { chunkFields, planChunks } from './chunking';

describe('planChunks', () => {
  it('slices a file into fixed-size chunks, the last one shorter', () => {
    expect(planChunks(10, 4)).toEqual({
      totalChunks: 3,
      chunkSize: 4,
      ranges: [
        [0, 4],
        [4, 8],
        [8, 10],
      ],
    });
  });

  it('makes one chunk of a file that fits, and of an empty file', () => {
    expect(planChunks(4, 4).ranges).toEqual([[0, 4]]);
    expect(planChunks(0, 4)).toEqual({ totalChunks: 1, chunkSize: 4, ranges: [[0, 0]] });
  });

  it('refuses a chunk size that is not a whole number ≥ 1', () => {
    expect(() => planChunks(10, 0)).toThrow(/chunkSize/);
    expect(() => planChunks(10, 1.5)).toThrow(/chunkSize/);
  });
});

describe('chunkFields', () => {
  const plan = { totalChunks: 3 };

  it('sends the settings (params as JSON) and train=false on chunk 0 only', () => {
    const settings = { target: 'y', modelType: 'mlp_classifier', params: { epochs: 2 }, modelName: 'm' };
    expect(chunkFields(0, plan, { filename: 'd.csv', settings, train: false })).toEqual({
      filename: 'd.csv',
      chunkIndex: '0',
      totalChunks: '3',
      target: 'y',
      modelType: 'mlp_classifier',
      params: '{"epochs":2}',
      modelName: 'm',
      train: 'false',
    });
    expect(chunkFields(1, plan, { filename: 'd.csv', trackingId: 't-1', settings, train: false })).toEqual({
      filename: 'd.csv',
      chunkIndex: '1',
      totalChunks: '3',
      trackingId: 't-1',
    });
  });

  it('leaves train out when training (the server default) and needs the trackingId after chunk 0', () => {
    expect(chunkFields(0, plan, { filename: 'd.csv', train: true })).not.toHaveProperty('train');
    expect(() => chunkFields(2, plan, { filename: 'd.csv' })).toThrow(/trackingId/);
  });
});
