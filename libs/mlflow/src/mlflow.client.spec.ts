import type { AppConfig } from '@modelstream/config';
import { DependencyUnavailableError } from '@modelstream/contracts';
import { isMlflowNotFound } from './mlflow-api.error';
import { MlflowClient } from './mlflow.client';
import type { ModelVersionStatus } from './mlflow.types';

/** Answers model-versions/get with the given statuses in turn (the last one repeats). */
function registryAnswering(statuses: ModelVersionStatus[]) {
  const asked: string[] = [];
  jest.spyOn(globalThis, 'fetch').mockImplementation(async (url) => {
    asked.push(String(url));
    const status = statuses[Math.min(asked.length, statuses.length) - 1];
    const body = {
      model_version: { name: 'churn', version: '3', source: 'mlflow-artifacts:/1/r/artifacts/model', status, status_message: 'bad' },
    };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  });
  return { asked, client: new MlflowClient({ MLFLOW_TRACKING_URI: 'http://mlflow.test:5000/' } as AppConfig) };
}

describe('MlflowClient.waitForModelVersionReady', () => {
  afterEach(() => jest.restoreAllMocks());

  it('asks again while the version is pending, and answers once it is READY', async () => {
    const { asked, client } = registryAnswering(['PENDING_REGISTRATION', 'PENDING_REGISTRATION', 'READY']);
    await expect(client.waitForModelVersionReady('churn', '3', 10_000)).resolves.toMatchObject({ status: 'READY' });
    expect(asked).toHaveLength(3);
    expect(asked[0]).toBe('http://mlflow.test:5000/api/2.0/mlflow/model-versions/get?name=churn&version=3');
  });

  it('gives up at once when the registration failed', async () => {
    const { asked, client } = registryAnswering(['FAILED_REGISTRATION']);
    await expect(client.waitForModelVersionReady('churn', '3', 10_000)).rejects.toThrow('model version churn/3 failed to register: bad');
    expect(asked).toHaveLength(1);
  });

  it('gives up when the version stays pending past the wait', async () => {
    const { asked, client } = registryAnswering(['PENDING_REGISTRATION']);
    await expect(client.waitForModelVersionReady('churn', '3', 250)).rejects.toThrow('model version churn/3 was not READY after 250 ms');
    expect(asked.length).toBeGreaterThan(1);
  });
});

describe('MlflowClient.downloadArtifact', () => {
  afterEach(() => jest.restoreAllMocks());
  const client = () => new MlflowClient({ MLFLOW_TRACKING_URI: 'http://mlflow.test:5000' } as AppConfig);
  const answer = (status: number, body: unknown) =>
    jest.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify(body), { status }));

  it("takes the proxy's 500 for a file the store does not have as not found", async () => {
    answer(500, {
      error_code: 'INTERNAL_ERROR',
      message:
        'The following failures occurred…\n##### File 0/r/artifacts/columns.json #####\nAn error occurred (404) when calling the HeadObject operation: Not Found',
    });
    const error = await client()
      .downloadArtifact('mlflow-artifacts:/0/r/artifacts', 'columns.json')
      .catch((e: unknown) => e);
    expect(isMlflowNotFound(error)).toBe(true);
    expect((error as Error).message).toMatch(/HeadObject operation: Not Found/);
  });

  it('keeps any other 500 a dependency failure (503, retry)', async () => {
    answer(500, { error_code: 'INTERNAL_ERROR', message: 'An error occurred (503) when calling the GetObject operation: Slow Down' });
    await expect(client().downloadArtifact('mlflow-artifacts:/0/r/artifacts', 'x.json')).rejects.toBeInstanceOf(DependencyUnavailableError);
  });
});

describe('MlflowClient credentials', () => {
  afterEach(() => jest.restoreAllMocks());

  const headersOfOneCall = async (config: Partial<AppConfig>) => {
    const seen: Headers[] = [];
    jest.spyOn(globalThis, 'fetch').mockImplementation(async (_url, init) => {
      seen.push(new Headers(init?.headers));
      return new Response(JSON.stringify({ experiment: { experiment_id: '0', name: 'Default' } }), { status: 200 });
    });
    await new MlflowClient({ MLFLOW_TRACKING_URI: 'http://mlflow.test:5000', ...config } as AppConfig).getExperimentByName('Default');
    return seen[0];
  };

  it('signs every request in with basic auth when a user is configured', async () => {
    const headers = await headersOfOneCall({ MLFLOW_TRACKING_USERNAME: 'modelstream', MLFLOW_TRACKING_PASSWORD: 'pa:ss' });
    expect(headers.get('authorization')).toBe(`Basic ${Buffer.from('modelstream:pa:ss').toString('base64')}`);
    expect(headers.get('accept')).toBe('application/json');
  });

  it('sends no credentials to an MLflow without auth', async () => {
    const headers = await headersOfOneCall({ MLFLOW_TRACKING_USERNAME: '', MLFLOW_TRACKING_PASSWORD: '' });
    expect(headers.get('authorization')).toBeNull();
  });
});
