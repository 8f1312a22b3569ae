import { applyNodeShims, backendOrder } from './backend';

describe('backendOrder', () => {
  it('tries the fastest first when nothing is required', () => {
    expect(backendOrder({})).toEqual(['tensorflow', 'wasm', 'cpu']);
    expect(backendOrder({ TFJS_BACKEND: ' ' })).toEqual(['tensorflow', 'wasm', 'cpu']);
  });

  it('holds only the required backend, so a missing one fails instead of falling back', () => {
    expect(backendOrder({ TFJS_BACKEND: 'tensorflow' })).toEqual(['tensorflow']);
  });

  it('names the backends when the setting is not one of them', () => {
    expect(() => backendOrder({ TFJS_BACKEND: 'gpu' })).toThrow('TFJS_BACKEND=gpu is not a backend: use one of tensorflow, wasm, cpu');
  });
});

describe('applyNodeShims', () => {
  it('puts back the util functions tfjs-node 4.22 calls and Node 23 removed, keeping existing ones', () => {
    const util: Record<string, unknown> = {};
    applyNodeShims(util);
    const isNullOrUndefined = util.isNullOrUndefined as (v: unknown) => boolean;
    expect([null, undefined, 0, ''].map(isNullOrUndefined)).toEqual([true, true, false, false]);
    expect(util.isArray).toBe(Array.isArray);
    const own = () => true;
    const kept: Record<string, unknown> = { isArray: own };
    applyNodeShims(kept);
    expect(kept.isArray).toBe(own);
  });
});
