/**
 * Models for the inference e2e tests and bench, trained through the pipeline: the CSV goes to the
 * uploads bucket, a TrainingRequested event goes to Kafka, a trainer (the built app, started here as a
 * child process unless one is given) trains and registers it in MLflow, and its TrainingCompleted event
 * (modelId, validation metrics) is awaited on the training-events topic.
 */
import { createHash, randomUUID } from 'node:crypto';
import { AppConfig, loadConfig } from '@modelstream/config';
import {
  getModelSpec,
  resolveHyperParams,
  TOPICS,
  type TrainingCompleted,
  type TrainingEvent,
  type TrainingRequestEvent,
} from '@modelstream/contracts';
import { EventCodec, EventPublisher, KafkaClient, TopicFollower } from '@modelstream/kafka';
import { ObjectStore } from '@modelstream/storage';

export interface TrainRequest {
  modelName: string;
  csv: string;
  target: string;
  modelType: string;
  params?: Record<string, unknown>;
}

export interface TrainedModel extends TrainingCompleted {
  trackingId: string;
  params: Record<string, unknown>;
  result: Record<string, unknown>;
}

/** One Kafka/S3 connection set for a test file; `close()` in afterAll. */
export class PipelineTrainer {
  readonly config: AppConfig = loadConfig();
  private readonly kafka = new KafkaClient(this.config);
  private readonly codec = new EventCodec(this.config);
  private readonly publisher = new EventPublisher(this.kafka, this.codec);
  readonly store = new ObjectStore(this.config);
  private follower?: TopicFollower;
  private readonly waiting = new Map<
    string,
    { resolve: (e: TrainedModel) => void; reject: (e: Error) => void; params: Record<string, unknown> }
  >();

  private async listen(): Promise<void> {
    if (this.follower) return;
    this.follower = new TopicFollower(this.kafka, {
      topics: [TOPICS.trainingEvents.name],
      from: 'end',
      groupId: `inference-e2e-${randomUUID()}`,
      onMessage: async ({ message }) => {
        const key = message.key?.toString() ?? '';
        const wait = this.waiting.get(key);
        if (!wait || !message.value) return;
        const event = await this.codec.decode<TrainingEvent>(message.value);
        if (event.type === 'TrainingCompleted') {
          this.waiting.delete(key);
          wait.resolve({
            ...event.payload,
            trackingId: key,
            params: wait.params,
            result: JSON.parse(event.payload.resultJson) as Record<string, unknown>,
          });
        } else if (event.type === 'TrainingFailed' || event.type === 'TrainingCancelled') {
          this.waiting.delete(key);
          wait.reject(new Error(`training ${key} ${event.type}: ${JSON.stringify(event.payload)}`));
        }
      },
    });
    await this.follower.start();
  }

  /** Publishes a training request and resolves with its TrainingCompleted. */
  async train(req: TrainRequest, timeoutMs = 180_000): Promise<TrainedModel> {
    await this.listen();
    const trackingId = `inference-e2e-${randomUUID()}`;
    const key = `inference-e2e/${trackingId}/data.csv`;
    await this.store.ensureBucket(this.config.S3_BUCKET_UPLOADS);
    await this.store.put(this.config.S3_BUCKET_UPLOADS, key, req.csv, 'text/csv');
    const spec = getModelSpec(req.modelType);
    const params = resolveHyperParams(spec, req.params ?? {}) as Record<string, unknown>;
    const done = new Promise<TrainedModel>((resolve, reject) => {
      this.waiting.set(trackingId, { resolve, reject, params });
      setTimeout(() => reject(new Error(`training ${trackingId} did not complete within ${timeoutMs} ms`)), timeoutMs).unref();
    });
    await this.publisher.publish<TrainingRequestEvent>(TOPICS.trainingRequests, {
      type: 'TrainingRequested',
      trackingId,
      ownerId: 'legacy',
      sequence: 1,
      payload: {
        filename: 'data.csv',
        modelName: req.modelName,
        modelType: req.modelType,
        problemType: spec.problemType,
        target: req.target,
        paramsJson: JSON.stringify(params),
        dataset: {
          bucket: this.config.S3_BUCKET_UPLOADS,
          objectKeys: [key],
          size: Buffer.byteLength(req.csv),
          sha256: createHash('sha256').update(req.csv).digest('hex'),
          columns: req.csv.slice(0, req.csv.indexOf('\n')).split(','),
          datasetId: null,
        },
        sweepId: null,
      },
    });
    return done;
  }

  async close(): Promise<void> {
    await this.follower?.stop();
    await this.kafka.onApplicationShutdown();
    this.store.onApplicationShutdown();
  }
}
