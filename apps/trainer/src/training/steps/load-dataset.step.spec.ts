import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { DatasetError } from '@modelstream/ml';
import { CancellationRegistry } from '../../control/cancellation.registry';
import { JobCancelledError } from '../attempts/job-stop';
import { FakeDatasetReader, FakeEvents } from '../testing/trainer.fakes';
import { jobRunFor, tinyCsv, trainingRequested } from '../testing/training-fixtures';
import { buildTrainingCommand } from '../training-command';
import { LoadDatasetStep } from './load-dataset.step';

function stepWith(source: string | Error) {
  const events = new FakeEvents();
  const reader = new FakeDatasetReader(source);
  return { events, reader, step: new LoadDatasetStep(events.asPublisher(), reader.asReader()) };
}

describe('LoadDatasetStep', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterEach(() => jest.restoreAllMocks());

  it('reports the loading stage, then reads the whole file with its checksum', async () => {
    const csv = tinyCsv(40);
    const { step, events } = stepWith(csv);
    const loaded = await step.run(jobRunFor(buildTrainingCommand(trainingRequested())));
    expect(events.of('TrainingProgress')).toEqual([expect.objectContaining({ stage: 'loading', progress: 2 })]);
    expect(loaded.table.rows).toBe(40);
    expect(loaded.sha256).toBe(createHash('sha256').update(csv).digest('hex'));
  });

  it('warns when the bytes read differ from the manifest checksum, and carries on', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const { step } = stepWith(tinyCsv(40));
    const event = trainingRequested();
    event.payload.dataset.sha256 = 'not-the-checksum';
    await expect(step.run(jobRunFor(buildTrainingCommand(event)))).resolves.toMatchObject({ table: { rows: 40 } });
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ expected: 'not-the-checksum', msg: 'dataset checksum differs from the manifest' }),
    );
  });

  it('notices a cancel while it reads a large file', async () => {
    const cancels = new CancellationRegistry();
    const command = buildTrainingCommand(trainingRequested());
    cancels.mark(command.trackingId, 'user pressed stop');
    const { step } = stepWith(tinyCsv(12_000));
    await expect(step.run(jobRunFor(command, { cancels }))).rejects.toEqual(new JobCancelledError('user pressed stop'));
  });

  it('lets a data error through for the job to fail with', async () => {
    const { step } = stepWith(new DatasetError('A chunk of the upload (k/0) is no longer in the object store. Upload the file again.'));
    await expect(step.run(jobRunFor(buildTrainingCommand(trainingRequested())))).rejects.toThrow(/no longer in the object store/);
  });
});
