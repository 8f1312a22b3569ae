/** JobFailureFilter: which job errors go back to the transport, and which become the job's TrainingFailed. */
import { ArgumentsHost, Logger } from '@nestjs/common';
import { lastValueFrom } from 'rxjs';
import { DependencyUnavailableError, TOPICS, TrainingFailed } from '@modelstream/contracts';
import { KafkaEventContext } from '@modelstream/kafka';
import { JobFailureFilter } from './job-failure.filter';
import type { TrainingEventsPublisher } from './training-events.publisher';

beforeAll(() => Logger.overrideLogger(false));

function filterFor({ finalAttempt = false, shuttingDown = false, publishFails = false } = {}) {
  const failed: [string, TrainingFailed][] = [];
  const events = {
    failed: async (trackingId: string, payload: TrainingFailed) => {
      if (publishFails) throw new DependencyUnavailableError('kafka', 'Kafka did not acknowledge the event');
      failed.push([trackingId, payload]);
    },
  };
  const context = new KafkaEventContext({
    group: 'modelstream-trainer',
    topic: TOPICS.trainingRequests.name,
    partition: 0,
    offset: '1',
    message: { key: null, value: null, offset: '1', timestamp: '0' },
    attempt: finalAttempt ? 4 : 1,
    finalAttempt,
    heartbeat: async () => undefined,
    shuttingDown: () => shuttingDown,
  });
  const host = { switchToRpc: () => ({ getContext: () => context, getData: () => ({ trackingId: 'job-9', type: 'TrainingRequested' }) }) };
  const filter = new JobFailureFilter(events as unknown as TrainingEventsPublisher);
  return {
    failed,
    handle: (error: unknown) => lastValueFrom(filter.catch(error, host as unknown as ArgumentsHost), { defaultValue: undefined }),
  };
}

const outage = () => new DependencyUnavailableError('mlflow', 'MLflow did not answer');

describe('JobFailureFilter', () => {
  it('hands a shutdown back to the transport, which leaves the request uncommitted', async () => {
    const { handle, failed } = filterFor({ shuttingDown: true });

    await expect(handle(new Error('the trainer is shutting down'))).rejects.toThrow('shutting down');
    expect(failed).toEqual([]);
  });

  it('hands a dependency outage back while tries are left, so the transport retries the job', async () => {
    const { handle, failed } = filterFor({ finalAttempt: false });

    await expect(handle(outage())).rejects.toBeInstanceOf(DependencyUnavailableError);
    expect(failed).toEqual([]);
  });

  it('fails the job, saying what to do, when the outage outlasts the last try', async () => {
    const { handle, failed } = filterFor({ finalAttempt: true });

    await expect(handle(outage())).resolves.toBeUndefined();
    expect(failed).toEqual([
      [
        { trackingId: 'job-9', ownerId: 'legacy' },
        { error: expect.stringMatching(/mlflow is unavailable .*Start the training again/), stage: 'training', mlflowRunId: null },
      ],
    ]);
  });

  it('fails the job at once on an unexpected error', async () => {
    const { handle, failed } = filterFor();

    await expect(handle(new TypeError('x is undefined'))).resolves.toBeUndefined();
    expect(failed[0][1].error).toMatch(/^Internal error: x is undefined\. Retry the training/);
  });

  it('hands the failure back when even the TrainingFailed cannot be published', async () => {
    const { handle } = filterFor({ publishFails: true });

    await expect(handle(new TypeError('x is undefined'))).rejects.toBeInstanceOf(DependencyUnavailableError);
  });
});
