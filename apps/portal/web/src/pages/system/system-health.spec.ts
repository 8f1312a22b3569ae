import { appHealth } from './system-health';

const NOW = 1_700_000_000_000;
const terminus = (details: Record<string, { status: string; latencyMs: number; message?: string }>) => ({
  status: Object.values(details).every((d) => d.status === 'up') ? 'ok' : 'error',
  details,
});

describe('appHealth', () => {
  it('is up when the app answers 200 with every check up, checks sorted by name', () => {
    const view = appHealth(
      'ingest',
      {
        kind: 'answer',
        status: 200,
        body: terminus({ redis: { status: 'up', latencyMs: 0.4 }, kafka: { status: 'up', latencyMs: 3.2 } }),
        roundTripMs: 12,
      },
      NOW,
    );
    expect(view).toEqual({
      app: 'ingest',
      up: true,
      httpStatus: 200,
      roundTripMs: 12,
      checkedAt: NOW,
      checks: [
        { name: 'kafka', up: true, latencyMs: 3.2 },
        { name: 'redis', up: true, latencyMs: 0.4 },
      ],
    });
  });

  it('is down on a 503 and names the checks that are down with their message', () => {
    const view = appHealth(
      'ingest',
      {
        kind: 'answer',
        status: 503,
        body: terminus({
          redis: { status: 'down', latencyMs: 3000, message: 'no answer within 3000 ms' },
          kafka: { status: 'up', latencyMs: 2 },
        }),
        roundTripMs: 3010,
      },
      NOW,
    );
    expect(view.up).toBe(false);
    expect(view.error).toBe('redis down');
    expect(view.checks.find((c) => c.name === 'redis')).toEqual({
      name: 'redis',
      up: false,
      latencyMs: 3000,
      message: 'no answer within 3000 ms',
    });
  });

  it('is down with the error when the app does not answer', () => {
    const view = appHealth('trainer', { kind: 'error', message: 'Failed to fetch', roundTripMs: null }, NOW);
    expect(view).toMatchObject({ up: false, httpStatus: null, checks: [] });
    expect(view.error).toMatch(/^trainer did not answer: Failed to fetch/);
  });

  it("is down with the portal's words when the answer carries no checks", () => {
    const view = appHealth(
      'inference',
      {
        kind: 'answer',
        status: 502,
        body: { statusCode: 502, message: 'inference (http://127.0.0.1:3001) did not answer: connect ECONNREFUSED' },
        roundTripMs: 4,
      },
      NOW,
    );
    expect(view.up).toBe(false);
    expect(view.error).toBe('inference (http://127.0.0.1:3001) did not answer: connect ECONNREFUSED (HTTP 502)');
    expect(appHealth('inference', { kind: 'answer', status: 500, body: 'oops', roundTripMs: 4 }, NOW).error).toBe(
      'inference answered HTTP 500 without its health checks.',
    );
  });

  it('is not up on a 200 that reports a check down', () => {
    const view = appHealth(
      'inference',
      { kind: 'answer', status: 200, body: terminus({ mlflow: { status: 'down', latencyMs: 1 } }), roundTripMs: 1 },
      NOW,
    );
    expect(view.up).toBe(false);
  });
});
