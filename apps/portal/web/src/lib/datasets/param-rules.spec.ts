import { paramFields, paramsFromForm, parseParam, readRule, ruleHint } from './param-rules';
import { MLP } from './model-spec.factory';

describe('hyperparameter rules and form values', () => {
  it('reads the rules the API sends and skips shapes it does not know', () => {
    expect(readRule({ kind: 'number', min: 1, max: 5, integer: true, description: 'd' })).toEqual({
      kind: 'number',
      min: 1,
      max: 5,
      integer: true,
      description: 'd',
    });
    expect(readRule({ kind: 'enum', values: ['a', 'b'] })).toMatchObject({ kind: 'enum', values: ['a', 'b'] });
    expect(readRule({ kind: 'number', min: '1', max: 5 })).toBeNull();
    expect(readRule({ kind: 'matrix' })).toBeNull();
    expect(readRule('epochs')).toBeNull();
  });

  it('lists a family’s fields with their defaults as text', () => {
    const fields = paramFields(MLP);
    expect(fields.map((f) => f.name)).toEqual(['epochs', 'learningRate', 'hiddenLayers', 'activation']);
    expect(fields.find((f) => f.name === 'hiddenLayers')!.defaultText).toBe('64, 32');
    expect(ruleHint(fields[0].rule)).toBe('1 to 1000, a whole number');
  });

  it('checks each kind of value against its rule', () => {
    const [epochs, learningRate, hiddenLayers, activation] = paramFields(MLP).map((f) => f.rule);
    expect(parseParam('20', epochs, 'epochs')).toEqual({ ok: true, value: 20 });
    expect(parseParam('2.5', epochs, 'epochs')).toEqual({ ok: false, error: 'epochs: 2.5 must be a whole number.' });
    expect(parseParam('0', epochs, 'epochs')).toEqual({ ok: false, error: 'epochs: 0 is out of range; use 1 to 1000.' });
    expect(parseParam('fast', learningRate, 'learningRate')).toEqual({ ok: false, error: 'learningRate: "fast" is not a number.' });
    expect(parseParam('1e-3', learningRate, 'learningRate')).toEqual({ ok: true, value: 0.001 });
    expect(parseParam('32 16, 8', hiddenLayers, 'hiddenLayers')).toEqual({ ok: true, value: [32, 16, 8] });
    expect(parseParam('32, 0', hiddenLayers, 'hiddenLayers').ok).toBe(false);
    expect(parseParam('tanh', activation, 'activation')).toEqual({ ok: true, value: 'tanh' });
    expect(parseParam('swish', activation, 'activation').ok).toBe(false);
  });

  it('sends only the values that differ from the defaults, and names every bad field', () => {
    expect(paramsFromForm(MLP, { epochs: '30', learningRate: '0.1', hiddenLayers: '64,32', activation: 'tanh' })).toEqual({
      params: { learningRate: 0.1, activation: 'tanh' },
      errors: {},
    });
    const bad = paramsFromForm(MLP, { epochs: '-1', learningRate: '', hiddenLayers: 'x' });
    expect(bad.params).toEqual({});
    expect(Object.keys(bad.errors)).toEqual(['epochs', 'hiddenLayers']);
  });
});
