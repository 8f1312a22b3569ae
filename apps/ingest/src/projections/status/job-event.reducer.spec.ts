import { reduceJobEvent } from './job-event.reducer';

const envelope = { eventId: 'e', trackingId: 't', sequence: 1, timestamp: Date.UTC(2026, 0, 1), producer: 'p' };

describe('reduceJobEvent', () => {
  it('an accepted chunk keeps the job pending and counts the chunks', () => {
    const patch = reduceJobEvent({
      ...envelope,
      type: 'UploadChunkReceived',
      payload: { filename: 'f.csv', chunkIndex: 2, totalChunks: 5, bucket: 'b', objectKey: 'k', size: 1, sha256: 's' },
    });
    expect(patch).toEqual({ status: 'pending', fields: { stage: 'uploading', filename: 'f.csv', receivedChunks: '3', totalChunks: '5' } });
  });

  it('a completed training carries metrics, extra results and the modelId', () => {
    const patch = reduceJobEvent({
      ...envelope,
      type: 'TrainingCompleted',
      payload: {
        metrics: { rmse: 1.5 },
        resultJson: '{"rows":10,"metrics":"ignored"}',
        mlflowRunId: 'r',
        modelName: 'm',
        modelVersion: '2',
        modelId: 'models:/m/2',
      },
    });
    expect(patch.status).toBe('completed');
    expect(JSON.parse(patch.fields.result)).toEqual({ rows: 10, metrics: { rmse: 1.5 } });
    expect(patch.fields).toMatchObject({ progress: '100', modelId: 'models:/m/2', finishedAt: '2026-01-01T00:00:00.000Z' });
  });

  it('a cancel request ends only a job whose training was not requested yet', () => {
    expect(reduceJobEvent({ ...envelope, type: 'TrainingCancelRequested', payload: { reason: 'r' } })).toMatchObject({
      status: 'cancelled',
      statusUnlessField: 'requestedAt',
    });
  });

  it('clamps progress to 0-100 and fails with the error', () => {
    const progress = reduceJobEvent({
      ...envelope,
      type: 'TrainingProgress',
      payload: { stage: 'training', progress: 140, epoch: null, epochs: null, loss: null, metrics: {} },
    });
    expect(progress.fields).toEqual({ stage: 'training', progress: '100' });
    expect(
      reduceJobEvent({ ...envelope, type: 'TrainingFailed', payload: { error: 'bad', stage: 'loading', mlflowRunId: null } }),
    ).toMatchObject({
      status: 'failed',
      fields: { error: 'bad' },
    });
  });

  it('refuses an unknown event type as permanent', () => {
    expect(() => reduceJobEvent({ ...envelope, type: 'Nope', payload: {} })).toThrow(/unknown event type Nope/);
  });
});
