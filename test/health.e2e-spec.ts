/**
 * Each app boots against the real stack and its /health reports every dependency up; stopping a service
 * turns that check down (503) and starting it again turns it back up, without restarting the app.
 */
import { RunningApp, startApp } from './support/app-process';
import { eventually, stackService } from './support/stack';

jest.setTimeout(300_000);

type Health = { status: string; details: Record<string, { status: string; latencyMs: number; message?: string }> };

async function health(app: RunningApp): Promise<{ code: number; body: Health }> {
  let res: Response;
  try {
    res = await fetch(`${app.url}/health`);
  } catch {
    // The client's pooled keep-alive socket may have been closed by the app's idle timeout while a
    // service was being stopped: one more request on a fresh socket.
    res = await fetch(`${app.url}/health`);
  }
  return { code: res.status, body: (await res.json()) as Health };
}

describe('GET /health', () => {
  const apps: RunningApp[] = [];

  beforeAll(async () => {
    apps.push(await startApp('ingest', 3200), await startApp('trainer', 3202), await startApp('inference', 3201));
  });

  afterAll(async () => {
    stackService('up', 'redis');
    stackService('up', 'mlflow');
    await Promise.all(apps.map((a) => a.stop()));
  });

  it.each([
    ['ingest', ['kafka', 'schema-registry', 'redis', 'mariadb', 'object-store']],
    ['trainer', ['kafka', 'schema-registry', 'object-store', 'mlflow', 'training-worker']],
    ['inference', ['mlflow', 'object-store']],
  ])('%s reports each of its dependencies up with a latency', async (name, deps) => {
    const app = apps.find((a) => a.name === name)!;
    const { code, body } = await health(app);
    expect(code).toBe(200);
    expect(Object.keys(body.details).sort()).toEqual([...deps].sort());
    for (const dep of deps) {
      expect(body.details[dep].status).toBe('up');
      expect(body.details[dep].latencyMs).toBeGreaterThanOrEqual(0);
    }
  });

  it('serves Prometheus metrics, counting the requests it answered', async () => {
    const ingest = apps.find((a) => a.name === 'ingest')!;
    await fetch(`${ingest.url}/api/model-specs`);
    const res = await fetch(`${ingest.url}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/api\/model-specs",status="200"\} [1-9]/);
  });

  it('turns a stopped dependency down and back up without a restart', async () => {
    const ingest = apps.find((a) => a.name === 'ingest')!;
    const inference = apps.find((a) => a.name === 'inference')!;

    stackService('down', 'redis');
    stackService('down', 'mlflow');
    const down = await health(ingest);
    expect(down.code).toBe(503);
    expect(down.body.details.redis.status).toBe('down');
    expect(down.body.details.kafka.status).toBe('up');
    const infDown = await health(inference);
    expect(infDown.code).toBe(503);
    expect(infDown.body.details.mlflow.status).toBe('down');

    stackService('up', 'redis');
    stackService('up', 'mlflow');
    expect(await eventually(async () => (await health(ingest)).code === 200, 30_000)).toBe(true);
    expect(await eventually(async () => (await health(inference)).code === 200, 30_000)).toBe(true);
    expect(ingest.process.exitCode).toBeNull();
    expect(inference.process.exitCode).toBeNull();
  });

  it('shuts down gracefully on SIGTERM', async () => {
    const trainer = apps.find((a) => a.name === 'trainer')!;
    expect(await trainer.stop('SIGTERM')).toBe(0);
  });
});
