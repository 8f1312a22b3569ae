/**
 * The Python client (clients/python) and the Python examples (examples/python) against the built apps: the
 * client's pytest suite (unit tests, then integration tests with MODELSTREAM_URL set) and each example must
 * exit 0. The venv is cached under .stack/venvs/python-client (test/support/python-client.ts).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findProjectRoot } from '@modelstream/config';
import { RunningApp, startApp, startTogether } from './support/app-process';
import { PythonRun, pythonClientVenv, runPython } from './support/python-client';

jest.setTimeout(600_000);

const root = findProjectRoot(__dirname);
// The sweep example needs the sweeps API; the checked-in OpenAPI document says whether this build has it.
const ingestPaths = Object.keys((JSON.parse(readFileSync(join(root, 'openapi/ingest.json'), 'utf8')) as { paths: object }).paths);
const hasSweeps = ingestPaths.includes('/api/datasets/{datasetId}/sweeps');

function expectSuccess(what: string, run: PythonRun): void {
  if (run.code !== 0) throw new Error(`${what} exited with ${run.code}:\n${run.output}`);
  process.stdout.write(`--- ${what}\n${run.output.trimEnd()}\n`);
}

describe('Python client and examples', () => {
  const runId = randomUUID().slice(0, 8);
  const apps: RunningApp[] = [];
  let python = '';
  let env: Record<string, string> = {};

  beforeAll(async () => {
    python = pythonClientVenv();
    // The trainer listens once it has joined the shared trainer group, which may first wait for the group's
    // rebalance; its info log says where it waits if it does not come up.
    apps.push(
      ...(await startTogether([
        startApp('ingest', 3431),
        startApp('trainer', 3432, { LOG_LEVEL: 'info' }, 180_000),
        startApp('inference', 3433),
      ])),
    );
    env = {
      MODELSTREAM_URL: apps[0].url,
      MODELSTREAM_INFERENCE_URL: apps[2].url,
      MODELSTREAM_TEST_RUN_ID: runId,
      MODELSTREAM_EXAMPLE_EPOCHS: '10',
    };
  });

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop()));
  });

  it('passes its pytest suite, integration tests included', async () => {
    const run = await runPython(python, ['-m', 'pytest', 'clients/python/tests', '-q', '-rs', '-p', 'no:cacheprovider'], env);
    expectSuccess('pytest clients/python/tests', run);
    expect(run.output).toMatch(/\d+ passed/);
  });

  it('runs examples/python/train_and_predict.py', async () => {
    const run = await runPython(python, ['examples/python/train_and_predict.py'], {
      ...env,
      MODELSTREAM_EXAMPLE_MODEL: `py-example-penguins-${runId}`,
    });
    expectSuccess('train_and_predict.py', run);
    expect(run.output).toMatch(new RegExp(`registered models:/py-example-penguins-${runId}/1`));
  });

  (hasSweeps ? it : it.skip)('runs examples/python/parallel_sweep.py', async () => {
    const run = await runPython(
      python,
      ['examples/python/parallel_sweep.py'],
      { ...env, MODELSTREAM_EXAMPLE_MODEL: `py-example-mass-${runId}` },
      420_000,
    );
    expectSuccess('parallel_sweep.py', run);
    expect(run.output).toMatch(new RegExp(`models:/py-example-mass-${runId}@champion`));
  });
});
