import { resolveEndpoints } from './config';

describe('resolveEndpoints', () => {
  it('defaults to ingest on 3000 and inference on 3001 of the same host', () => {
    expect(resolveEndpoints({}, {})).toEqual({ ingestUrl: 'http://127.0.0.1:3000', inferenceUrl: 'http://127.0.0.1:3001' });
    expect(resolveEndpoints({}, { MODELSTREAM_URL: 'http://box:3000/' })).toEqual({
      ingestUrl: 'http://box:3000',
      inferenceUrl: 'http://box:3001',
    });
  });

  it('sends both APIs through any other URL (the portal), unless MODELSTREAM_INFERENCE_URL says otherwise', () => {
    expect(resolveEndpoints({}, { MODELSTREAM_URL: 'http://127.0.0.1:8080' }).inferenceUrl).toBe('http://127.0.0.1:8080');
    expect(resolveEndpoints({}, { MODELSTREAM_URL: 'https://ml.example.com' }).inferenceUrl).toBe('https://ml.example.com');
    expect(resolveEndpoints({}, { MODELSTREAM_URL: 'http://h:3421', MODELSTREAM_INFERENCE_URL: 'http://h:3423' }).inferenceUrl).toBe(
      'http://h:3423',
    );
  });

  it('takes options before the environment, and the key when set', () => {
    const env = { MODELSTREAM_URL: 'http://env:3000', MODELSTREAM_API_KEY: 'k-env' };
    expect(resolveEndpoints({ url: 'http://opt:3000', apiKey: 'k-opt' }, env)).toEqual({
      ingestUrl: 'http://opt:3000',
      inferenceUrl: 'http://opt:3001',
      apiKey: 'k-opt',
    });
    expect(resolveEndpoints({}, { MODELSTREAM_API_KEY: ' ' })).not.toHaveProperty('apiKey');
  });

  it('refuses a URL that is not absolute', () => {
    expect(() => resolveEndpoints({ url: 'localhost' }, {})).toThrow(/MODELSTREAM_URL/);
  });
});
