import { createHash } from 'node:crypto';
import { DatasetError, readCsvTable } from '@modelstream/ml';
import { CancellationRegistry } from '../../control/cancellation.registry';
import type { LoadedDataset } from '../dataset.reader';
import { JobCancelledError } from '../attempts/job-stop';
import { TAGS } from '../mlflow-run.recorder';
import { FakeEvents } from '../testing/trainer.fakes';
import { jobRunFor, tinyCsv, trainingRequested } from '../testing/training-fixtures';
import { buildTrainingCommand } from '../training-command';
import { PrepareDatasetStep } from './prepare-dataset.step';

async function loadedOf(csv: string): Promise<LoadedDataset> {
  const bytes = Buffer.from(csv);
  const table = await readCsvTable(
    (async function* () {
      yield bytes;
    })(),
  );
  return { table, sha256: createHash('sha256').update(bytes).digest('hex') };
}

describe('PrepareDatasetStep', () => {
  it('records the data it found in the run, then announces the job started and preprocessed', async () => {
    const events = new FakeEvents();
    const command = buildTrainingCommand(trainingRequested());
    const job = jobRunFor(command, { attempt: 2 });
    const loaded = await loadedOf(tinyCsv(100));
    const prepared = await new PrepareDatasetStep(events.asPublisher()).run(job, loaded);

    expect(prepared.rows).toMatchObject({ total: 100, train: 80, validation: 20 });
    expect(job.run.params).toMatchObject({
      ...command.params,
      modelType: 'logistic_regression',
      problemType: 'classification',
      target: command.target,
      rows_train: 80,
      rows_validation: 20,
      input_dim: prepared.data.inputDim,
    });
    expect(job.run.tag(TAGS.datasetSha256Read)).toBe(loaded.sha256);
    expect(job.run.tag(TAGS.columns)).toMatch(/x0:numeric/);
    expect(job.run.artifacts.get('columns.json')).toMatchObject({ inputDim: prepared.data.inputDim, rows: { train: 80 } });

    expect(events.types()).toEqual(['TrainingStarted', 'TrainingProgress']);
    const [started] = events.of('TrainingStarted');
    expect(started).toMatchObject({
      modelType: 'logistic_regression',
      backend: 'wasm',
      instanceId: 'trainer-under-test',
      attempt: 2,
      mlflowRunId: job.run.id,
    });
    expect(JSON.parse(started.paramsJson)).toEqual(command.params);
    expect(JSON.parse(started.columnsJson)).toEqual(job.run.artifacts.get('columns.json'));
    expect(events.of('TrainingProgress')[0]).toMatchObject({ stage: 'preprocessing', progress: 12 });
  });

  it('fails bad data at preprocessing before anything is announced', async () => {
    const events = new FakeEvents();
    const job = jobRunFor(buildTrainingCommand(trainingRequested({ target: 'label' })));
    const singleClass = `x,label\n${Array.from({ length: 40 }, (_, i) => `${i},only`).join('\n')}`;
    const step = new PrepareDatasetStep(events.asPublisher());
    await expect(step.run(job, await loadedOf(singleClass))).rejects.toThrow(DatasetError);
    await expect(step.run(job, await loadedOf(singleClass))).rejects.toMatchObject({
      stage: 'preprocessing',
      message: /single class \("only"\)/,
    });
    expect(events.published).toEqual([]);
  });

  it('stops after announcing the start when the job was cancelled meanwhile', async () => {
    const cancels = new CancellationRegistry();
    const command = buildTrainingCommand(trainingRequested());
    cancels.mark(command.trackingId, 'user pressed stop');
    const events = new FakeEvents();
    const step = new PrepareDatasetStep(events.asPublisher());
    await expect(step.run(jobRunFor(command, { cancels }), await loadedOf(tinyCsv(60)))).rejects.toBeInstanceOf(JobCancelledError);
    expect(events.types()).toEqual(['TrainingStarted', 'TrainingProgress']);
  });
});
