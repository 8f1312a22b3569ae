import { CancellationRegistry } from '../../control/cancellation.registry';
import { JobCancelledError, JobInterruptedError, jobStop } from './job-stop';

function stopOf(shuttingDown = false) {
  const cancels = new CancellationRegistry();
  let beats = 0;
  let stopping = shuttingDown;
  const stop = jobStop('job-1', { heartbeat: async () => void beats++, shuttingDown: () => stopping }, cancels);
  return { stop, cancels, beats: () => beats, shutDown: () => (stopping = true) };
}

describe('jobStop', () => {
  it('goes on while nothing asks the job to stop, heartbeating at each checkpoint', async () => {
    const { stop, beats } = stopOf();
    expect(stop.reason()).toBeNull();
    await stop.checkpoint();
    await stop.checkpoint();
    expect(beats()).toBe(2);
  });

  it('cancels with the reason of a cancel for this job only', async () => {
    const { stop, cancels } = stopOf();
    cancels.mark('another-job', 'not me');
    await expect(stop.checkpoint()).resolves.toBeUndefined();
    cancels.mark('job-1', 'user pressed stop');
    expect(stop.reason()).toBe('user pressed stop');
    await expect(stop.checkpoint()).rejects.toEqual(new JobCancelledError('user pressed stop'));
  });

  it('interrupts on shutdown, before a cancel: the request is handed back rather than cancelled', async () => {
    const { stop, cancels, shutDown } = stopOf();
    cancels.mark('job-1', 'user pressed stop');
    shutDown();
    await expect(stop.checkpoint()).rejects.toBeInstanceOf(JobInterruptedError);
    expect(() => stop.throwIfStopped(stop.reason())).toThrow('the trainer is shutting down');
  });

  it('turns the reason the training loop stopped for into the same errors', () => {
    const { stop } = stopOf();
    expect(() => stop.throwIfStopped(null)).not.toThrow();
    expect(() => stop.throwIfStopped('changed my mind')).toThrow(JobCancelledError);
  });
});
