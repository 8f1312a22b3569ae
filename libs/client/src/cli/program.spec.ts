import { ModelstreamClient } from '../client';
import { fakeFetch, json } from '../testing/fake-fetch';
import { EXIT_CODES, predictionsCsv, run } from './program';

function io(fetch?: ReturnType<typeof fakeFetch>) {
  let stdout = '';
  let stderr = '';
  return {
    io: {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      env: {},
      client: (options: object) => new ModelstreamClient({ ...options, fetch, retry: { attempts: 1 } }),
    },
    out: () => stdout,
    err: () => stderr,
  };
}

describe('modelstream CLI', () => {
  it('documents the exit codes in --help and exits 0', async () => {
    const t = io();
    expect(await run(['--help'], t.io)).toBe(0);
    expect(t.out()).toMatch(/Exit codes:[\s\S]*4 {2}the service is unavailable/);
  });

  it.each([
    [['bogus']],
    [['train']],
    [['cancel']],
    [['train', 'f.csv', '--params', '{nope']],
    [['jobs', '--limit', '0']],
    [['sweep', 'ds', '--models', 'a']],
  ])('exits 2 for the usage error %j', async (argv) => {
    const t = io(fakeFetch(() => json(200, {})));
    expect(await run(argv, t.io)).toBe(EXIT_CODES.usage);
    expect(t.err()).toMatch(/error/);
  });

  it('exits 3 for a 4xx with the API message, and 4 when the service is unavailable', async () => {
    const notFound = io(fakeFetch(() => json(404, { error: 'NotFoundError', message: 'No job with trackingId "x".' })));
    expect(await run(['status', 'x'], notFound.io)).toBe(EXIT_CODES.apiError);
    expect(notFound.err()).toBe('error: No job with trackingId "x". (HTTP 404 NotFoundError)\n');
    const down = io(fakeFetch(() => json(503, { message: 'Redis is unavailable' })));
    expect(await run(['jobs'], down.io)).toBe(EXIT_CODES.unavailable);
  });

  it('exits 1 for a failed job and prints JSON with --json', async () => {
    const t = io(
      fakeFetch(() =>
        json(200, { trackingId: 't', status: 'failed', progress: 40, error: 'bad data', result: null, modelId: null, stage: null }),
      ),
    );
    expect(await run(['--json', 'status', 't'], t.io)).toBe(EXIT_CODES.jobFailed);
    expect(JSON.parse(t.out())).toMatchObject({ trackingId: 't', status: 'failed' });
  });

  it('sends several ids to the bulk cancel', async () => {
    const fetch = fakeFetch(() => json(200, { results: [{ trackingId: 'a', outcome: 'cancelled', status: 'pending' }], cancelled: 1 }));
    const t = io(fetch);
    expect(await run(['cancel', 'a', 'b'], t.io)).toBe(0);
    expect(fetch.requests[0]).toMatchObject({ url: 'http://127.0.0.1:3000/api/model-train/cancel', json: { trackingIds: ['a', 'b'] } });
    expect(t.out()).toMatch(/1 cancelled/);
  });
});

describe('predictionsCsv', () => {
  it('appends the label and its probability to each row', () => {
    const rows = [{ x: '1' }, { x: '2' }];
    const result = {
      problemType: 'classification' as const,
      predictions: [
        { label: 'a', probabilities: { a: 0.9, b: 0.1 } },
        { label: 'b', probabilities: { a: 0.2, b: 0.8 } },
      ],
    };
    expect(predictionsCsv(rows, result as never)).toBe('x,prediction,probability\n1,a,0.9\n2,b,0.8\n');
  });
});
