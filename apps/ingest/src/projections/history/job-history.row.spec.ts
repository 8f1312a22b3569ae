import { JobState, newJobState, reduceJob } from '@modelstream/contracts';
import { TrainingJobEntity } from '@modelstream/storage';
import { generateLives, interleave, seededRng } from '../../../../../test/support/job-lives';
import { changedColumns, JobRow, rowToState, stateToRow } from './job-history.row';

/** What a row keeps of a state: everything but the final metrics (they are rows of job_metrics). */
const kept = (state: JobState) => ({ ...state, metrics: null });
const stored = (state: JobState) => rowToState(stateToRow(state, 3) as TrainingJobEntity);

describe('a history row is the fold state', () => {
  it('restores every state of generated lives, and the next event folds onto it the same', () => {
    const rng = seededRng(5);
    for (const life of generateLives(99, 180, 'row')) {
      const cursors = new Map<string, number>();
      const applied = interleave(rng, life.events).filter(({ topic, event }) => {
        if ((cursors.get(topic) ?? -1) >= event.sequence) return false;
        return !!cursors.set(topic, event.sequence);
      });
      let state = reduceJob(newJobState(life.trackingId), applied[0].event);
      for (const { event } of applied.slice(1)) {
        const restored = stored(state);
        expect(kept(restored)).toEqual(kept(state));
        const next = reduceJob(state, event);
        expect(kept(reduceJob(restored, event))).toEqual(kept(next));
        state = next;
      }
    }
  });

  it('rewrites only the columns that changed', () => {
    const [life] = generateLives(1, 1, 'cols');
    const before = life.events.slice(0, 2).reduce((s, e) => reduceJob(s, e.event), newJobState(life.trackingId));
    const after = reduceJob(before, life.events[2].event);
    const changed = changedColumns(stateToRow(before, null), stateToRow(after, null));
    expect(Object.keys(changed)).not.toContain('trackingId');
    expect(Object.keys(changed)).toEqual(expect.arrayContaining(['lastEventAt', 'lifecycle']));
    expect(changedColumns(stateToRow(after, null), stateToRow(after, null))).toEqual({});
  });

  it('folds on from a row written before the lifecycle column: a completed job stays completed', () => {
    const at = new Date(Date.UTC(2026, 0, 1));
    const first = reduceJob(newJobState('old'), {
      eventId: 'c0',
      trackingId: 'old',
      ownerId: 'legacy',
      sequence: 1,
      timestamp: at.getTime(),
      producer: 'spec',
      type: 'UploadChunkReceived',
      payload: { filename: 'f.csv', chunkIndex: 0, totalChunks: 2, bucket: 'b', objectKey: 'k', size: 1, sha256: 's' },
    });
    const legacy: JobRow = {
      ...stateToRow(first, 1),
      modelType: 'logistic_regression',
      modelName: 'm',
      status: 'completed',
      stage: 'registering',
      progress: 100,
      modelId: 'models:/m/1',
      receivedChunks: 2,
      requestedAt: at,
      startedAt: at,
      finishedAt: at,
      lifecycle: null,
    };
    const restored = rowToState(legacy as TrainingJobEntity);
    expect(restored).toMatchObject({ status: 'completed', stage: 'done', progress: 100, modelId: 'models:/m/1', receivedChunks: 2 });
    const late = reduceJob(restored, {
      eventId: 'late',
      trackingId: 'old',
      ownerId: 'legacy',
      sequence: 9,
      timestamp: at.getTime() + 1000,
      producer: 'spec',
      type: 'TrainingFailed',
      payload: { error: 'late', stage: 'training', mlflowRunId: null },
    });
    expect(late).toMatchObject({ status: 'completed', error: null, stage: 'done' });
  });
});
