import { DatasetError } from '@modelstream/ml';
import { childMessage, savedModelOf, toWireError } from './fit-protocol';

describe('the fit worker protocol', () => {
  it('knows the worker’s messages and nothing else on the channel', () => {
    const ready = { type: 'ready', backend: 'tensorflow', skipped: [] };
    expect(childMessage(ready)).toBe(ready);
    expect(childMessage({ type: 'NODE_HANDLE' })).toBeNull();
    expect(childMessage('ready')).toBeNull();
    expect(childMessage(null)).toBeNull();
  });

  it('carries a data error with its stage, and any other error as what it says', () => {
    expect(toWireError(new DatasetError('too few rows', 'preprocessing'))).toMatchObject({
      name: 'DatasetError',
      message: 'too few rows',
      dataStage: 'preprocessing',
    });
    const backend = toWireError(new RangeError('memory access out of bounds'));
    expect(backend).toMatchObject({ name: 'RangeError', message: 'memory access out of bounds' });
    expect(backend.dataStage).toBeUndefined();
    expect(toWireError('a string')).toEqual({ name: 'Error', message: 'a string' });
  });

  it('gives the saved files back as Buffers over the very bytes that arrived', () => {
    const arrived = new Uint8Array([0, 1, 2, 3, 4, 5]).subarray(2);
    const saved = savedModelOf({ modelPath: 'tfjs/model.json', files: { 'tfjs/weights.bin': arrived } });
    expect(saved.modelPath).toBe('tfjs/model.json');
    expect(Buffer.isBuffer(saved.files['tfjs/weights.bin'])).toBe(true);
    expect([...saved.files['tfjs/weights.bin']]).toEqual([2, 3, 4, 5]);
  });
});
