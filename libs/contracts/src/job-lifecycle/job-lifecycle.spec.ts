import {
  generateLives,
  interleave,
  LIFE_SCENARIOS,
  projectLife,
  seededRng,
  topicBlockOrders,
  withRedeliveries,
} from '../../../../test/support/job-lives';
import { JobEvent, reduceJob, reduceJobEvents, UnknownJobEventError } from './job-lifecycle';
import { JobState, newJobState } from './job-state';

let clock = Date.UTC(2026, 0, 1);
const event = <T extends JobEvent['type']>(type: T, payload: Extract<JobEvent, { type: T }>['payload']): JobEvent =>
  ({ eventId: `e${clock}`, trackingId: 'job', sequence: clock * 1000, timestamp: clock++, producer: 'spec', type, payload }) as JobEvent;
const fold = (events: JobEvent[], from: JobState = newJobState('job')) => events.reduce(reduceJob, from);

const chunk = (chunkIndex: number, totalChunks = 2) =>
  event('UploadChunkReceived', {
    filename: 'f.csv',
    chunkIndex,
    totalChunks,
    bucket: 'b',
    objectKey: `k${chunkIndex}`,
    size: 1,
    sha256: 's',
  });
const requested = () =>
  event('TrainingRequested', {
    filename: 'f.csv',
    modelName: 'm',
    modelType: 'logistic_regression',
    problemType: 'classification',
    target: 'y',
    paramsJson: '{"epochs":3}',
    dataset: { bucket: 'b', objectKeys: ['k0', 'k1'], size: 2, sha256: 'a'.repeat(64), columns: ['x', 'y'], datasetId: null },
    sweepId: null,
  });
const cancelRequested = (reason = 'wrong file') => event('TrainingCancelRequested', { reason, requestedBy: '' });
const started = (attempt = 1) =>
  event('TrainingStarted', {
    modelType: 'logistic_regression',
    paramsJson: '{}',
    backend: 'cpu',
    instanceId: 'i',
    attempt,
    mlflowRunId: 'r',
    columnsJson: '{}',
  });
const progress = (value: number, stage = 'training', epoch: number | null = 1) =>
  event('TrainingProgress', { stage, progress: value, epoch, epochs: epoch === null ? null : 3, loss: 0.5, metrics: {} });
const completed = () =>
  event('TrainingCompleted', {
    metrics: { accuracy: 0.9 },
    resultJson: '{"rows":3}',
    mlflowRunId: 'r',
    modelName: 'm',
    modelVersion: '2',
    modelId: 'models:/m/2',
  });
const failed = (error = 'boom', stage = 'training') => event('TrainingFailed', { error, stage, mlflowRunId: null });

describe('reduceJob: the rules', () => {
  it('cancels an upload cancelled after its first chunk, whichever of the two comes first', () => {
    const [c0, cancel] = [chunk(0), cancelRequested()];
    for (const events of [
      [c0, cancel],
      [cancel, c0],
    ]) {
      expect(fold(events)).toMatchObject({
        status: 'cancelled',
        stage: 'uploading',
        progress: 0,
        cancelReason: 'wrong file',
        receivedChunks: 1,
      });
    }
    expect(fold([c0, cancel]).transitions.map((t) => t.status)).toEqual(['pending', 'cancelled']);
  });

  it('leaves a requested job to its trainer: a cancel request alone does not end it, the TrainingCancelled does', () => {
    const before = fold([chunk(0), chunk(1), requested(), cancelRequested('stop')]);
    expect(before).toMatchObject({ status: 'pending', stage: 'queued', cancelReason: 'stop' });
    expect(before.cancelRequestedAt).not.toBeNull();
    expect(fold([event('TrainingCancelled', { reason: 'stop', stage: 'queued' })], before)).toMatchObject({
      status: 'cancelled',
      stage: 'queued',
      finishedAt: expect.any(Number),
    });
  });

  it('completes at stage done, progress 100, with the model and metrics', () => {
    const job = fold([chunk(0), chunk(1), requested(), started(), progress(40), progress(95, 'registering', null), completed()]);
    expect(job).toMatchObject({
      status: 'completed',
      stage: 'done',
      progress: 100,
      error: null,
      modelId: 'models:/m/2',
      modelVersion: '2',
      modelName: 'm',
      metrics: { accuracy: 0.9 },
      resultJson: '{"rows":3}',
      epoch: 1,
      epochs: 3,
    });
    expect(job.transitions.map((t) => t.status)).toEqual(['pending', 'running', 'completed']);
  });

  it('words an aborted upload one way', () => {
    expect(fold([chunk(0), event('UploadAborted', { reason: 'the file is over 25 MB', receivedChunks: 1 })])).toMatchObject({
      status: 'failed',
      stage: 'uploading',
      error: 'Upload aborted: the file is over 25 MB',
    });
  });

  it('shows progress as an integer 0-100', () => {
    const base = fold([started()]);
    expect(fold([progress(42.6)], base).progress).toBe(43);
    expect(fold([progress(140)], base).progress).toBe(100);
    expect(fold([progress(-3)], base).progress).toBe(0);
    expect(fold([progress(Number.NaN)], base).progress).toBe(0);
  });

  it('keeps the first final word of the trainer: a late failure or progress changes nothing', () => {
    const done = fold([started(), completed()]);
    expect(fold([failed('late'), progress(10), started(2)], done)).toEqual({ ...done, lastEventAt: expect.any(Number) });
  });

  it('starts the progress again when a trainer takes the job over (attempt 2)', () => {
    const job = fold([started(1), progress(60), started(2)]);
    expect(job).toMatchObject({ status: 'running', stage: 'starting', progress: 0, attempts: 2, epoch: null });
    expect(job.transitions.map((t) => t.status)).toEqual(['running']);
  });

  it('lets the trainer decide a requested job even when the cancel request is seen before the request', () => {
    const [c0, c1, request, cancel, start, fail] = [
      chunk(0),
      chunk(1),
      requested(),
      cancelRequested(),
      started(),
      failed('bad data', 'loading'),
    ];
    expect(fold([c0, cancel]).status).toBe('cancelled');
    expect(fold([c0, cancel, c1, request, start, fail])).toMatchObject({ status: 'failed', stage: 'loading', error: 'bad data' });
  });

  it('refuses an unknown event type', () => {
    expect(() => reduceJob(newJobState('job'), { ...chunk(0), type: 'Nope' } as unknown as JobEvent)).toThrow(UnknownJobEventError);
  });
});

describe('reduceJob: generated lives', () => {
  const lives = generateLives(20260101, 450, 'spec');

  it('ends every life as its scenario says', () => {
    expect(new Set(lives.map((l) => l.scenario))).toEqual(new Set(LIFE_SCENARIOS));
    for (const life of lives) {
      const state = projectLife(life.trackingId, life.events);
      expect({ id: life.trackingId, scenario: life.scenario, ...pickKeys(state, Object.keys(life.intent)) }).toEqual({
        id: life.trackingId,
        scenario: life.scenario,
        ...life.intent,
      });
    }
  });

  it('gives the same state whatever the interleaving of the topics and the redeliveries', () => {
    const rng = seededRng(7);
    let deliveries = 0;
    for (const life of lives) {
      const expected = projectLife(life.trackingId, life.events);
      const orders = [...topicBlockOrders(life.events), ...Array.from({ length: 16 }, () => interleave(rng, life.events))];
      for (const order of orders) {
        const delivered = withRedeliveries(rng, order, 3);
        deliveries++;
        expect(projectLife(life.trackingId, delivered)).toEqual(expected);
      }
    }
    expect(deliveries).toBeGreaterThan(lives.length * 17);
  });

  it('folds a run of events at once into the state they make one at a time', () => {
    const rng = seededRng(13);
    for (const life of lives) {
      const order = interleave(rng, life.events).map(({ event }) => event as JobEvent);
      const cut = Math.floor(rng() * order.length);
      const oneByOne = order.reduce(reduceJob, newJobState(life.trackingId));
      const first = reduceJobEvents(newJobState(life.trackingId), order.slice(0, cut));
      expect(first).toEqual(order.slice(0, cut).reduce(reduceJob, newJobState(life.trackingId)));
      expect(reduceJobEvents(first, order.slice(cut))).toEqual(oneByOne);
    }
    const state = newJobState('job');
    expect(reduceJobEvents(state, [])).toBe(state);
  });

  it('changes nothing when the last applied event is applied again', () => {
    const rng = seededRng(11);
    for (const life of lives) {
      const cursors = new Map<string, number>();
      // What a read model applies: each topic's events above its cursor (older redeliveries never reach the fold).
      const order = interleave(rng, life.events).filter(({ topic, event }) => {
        if ((cursors.get(topic) ?? -1) >= event.sequence) return false;
        return !!cursors.set(topic, event.sequence);
      });
      for (let n = 1; n <= order.length; n++) {
        const state = projectLife(life.trackingId, order.slice(0, n));
        expect(reduceJob(state, order[n - 1].event)).toEqual(state);
      }
    }
  });
});

function pickKeys(state: JobState, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, state[k as keyof JobState]]));
}
