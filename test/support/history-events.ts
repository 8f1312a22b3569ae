/**
 * Factories of job events for the history tests and benches: the life of one job as the ingest app and the
 * trainer publish it, with per-topic increasing sequences and timestamps.
 */
import { randomUUID } from 'node:crypto';
import { TOPICS, TrainingControlEvent, TrainingEvent, TrainingRequestEvent, UploadEvent } from '@modelstream/contracts';

export type JobEvent = UploadEvent | TrainingRequestEvent | TrainingControlEvent | TrainingEvent;
export type JobTopicKey = 'uploadChunks' | 'trainingRequests' | 'trainingControl' | 'trainingEvents';
export interface PlannedEvent {
  topic: JobTopicKey;
  event: JobEvent;
}

/**
 * Our sequences run a day ahead of the clock the real producers use (SequenceClock: now in microseconds).
 * A real trainer running beside a test takes a fabricated TrainingRequested up and fails it (its dataset
 * does not exist); its events then sit below the test's sequences and every projection drops them, so a
 * test job's life stays exactly the one the test wrote.
 */
export const SEQUENCE_LEAD_MS = 24 * 3600 * 1000;

export type JobEnding = 'completed' | 'failed' | 'cancelled' | 'running';

export interface JobPlanOptions {
  trackingId?: string;
  ending: JobEnding;
  epochs?: number;
  startAt?: number;
  sha256?: string;
  modelType?: string;
  filename?: string;
  chunks?: number;
}

export function testTrackingId(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

/** Every event of one job, in the order its producers would publish them (ms timestamps 100 ms apart). */
export function jobLife(options: JobPlanOptions): PlannedEvent[] {
  const trackingId = options.trackingId ?? testTrackingId('hist');
  const epochs = options.epochs ?? 3;
  const chunks = options.chunks ?? 2;
  const modelType = options.modelType ?? 'logistic_regression';
  const filename = options.filename ?? 'iris.csv';
  const sha256 = options.sha256 ?? randomUUID().replace(/-/g, '').padEnd(64, '0');
  let t = options.startAt ?? Date.now();
  const seq: Record<JobTopicKey, number> = { uploadChunks: 0, trainingRequests: 0, trainingControl: 0, trainingEvents: 0 };
  const events: PlannedEvent[] = [];
  const add = (topic: JobTopicKey, type: string, payload: unknown) => {
    t += 100;
    seq[topic] += 1;
    events.push({
      topic,
      event: {
        eventId: randomUUID(),
        trackingId,
        sequence: (t + SEQUENCE_LEAD_MS) * 1000 + seq[topic],
        timestamp: t,
        producer: 'history-test',
        type,
        payload,
      } as JobEvent,
    });
  };
  for (let i = 0; i < chunks; i++) {
    add('uploadChunks', 'UploadChunkReceived', {
      filename,
      chunkIndex: i,
      totalChunks: chunks,
      bucket: 'modelstream-uploads',
      objectKey: `uploads/${trackingId}/${i}`,
      size: 100,
      sha256: 'c'.repeat(64),
    });
  }
  const params = { learningRate: 0.05, epochs };
  add('trainingRequests', 'TrainingRequested', {
    filename,
    modelName: `hist-model-${trackingId.slice(-8)}`,
    modelType,
    problemType: 'classification',
    target: 'species',
    paramsJson: JSON.stringify(params),
    dataset: {
      bucket: 'modelstream-uploads',
      objectKeys: Array.from({ length: chunks }, (_, i) => `uploads/${trackingId}/${i}`),
      size: 200,
      sha256,
      columns: ['a', 'b', 'species'],
    },
  });
  add('trainingEvents', 'TrainingStarted', {
    modelType,
    paramsJson: JSON.stringify(params),
    backend: 'cpu',
    instanceId: 'trainer-test',
    attempt: 1,
    mlflowRunId: `run-${trackingId.slice(-12)}`,
    columnsJson: JSON.stringify({ a: 'numeric', b: 'numeric' }),
  });
  const cancelAfter = Math.max(1, Math.floor(epochs / 2));
  for (let e = 1; e <= epochs; e++) {
    add('trainingEvents', 'TrainingProgress', {
      stage: 'training',
      progress: Math.round((e / epochs) * 90),
      epoch: e,
      epochs,
      loss: 1 / (e + 1),
      metrics: { accuracy: 0.5 + e / (2 * epochs), val_loss: 1.2 / (e + 1) },
    });
    if (options.ending === 'cancelled' && e === cancelAfter) {
      add('trainingControl', 'TrainingCancelRequested', { reason: 'stopped by the test' });
      add('trainingEvents', 'TrainingCancelled', { reason: 'stopped by the test', stage: 'training' });
      return events;
    }
    if (options.ending === 'failed' && e === cancelAfter) {
      add('trainingEvents', 'TrainingFailed', {
        error: 'the loss became NaN: lower the learning rate',
        stage: 'training',
        mlflowRunId: null,
      });
      return events;
    }
  }
  if (options.ending === 'completed') {
    add('trainingEvents', 'TrainingProgress', { stage: 'registering', progress: 95, epoch: null, epochs, loss: null, metrics: {} });
    add('trainingEvents', 'TrainingCompleted', {
      metrics: { accuracy: 0.93, f1: 0.91, log_loss: 0.2 },
      resultJson: JSON.stringify({
        labels: ['setosa', 'versicolor'],
        confusionMatrix: [
          [5, 1],
          [0, 6],
        ],
      }),
      mlflowRunId: `run-${trackingId.slice(-12)}`,
      modelName: `hist-model-${trackingId.slice(-8)}`,
      modelVersion: '1',
      modelId: `models:/hist-model-${trackingId.slice(-8)}/1`,
    });
  }
  return events;
}

export const topicName = (key: JobTopicKey): string => TOPICS[key].name;
