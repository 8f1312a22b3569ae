/**
 * Drives the trainer through its real contract: CSV chunks go to the object store, a TrainingRequested
 * event goes to modelstream.training-requests (EventPublisher, Avro via the schema registry), and the
 * job's events are read back from modelstream.training-events with a test consumer. MLflow is read over
 * its REST API with our typed client.
 */
import { createHash, randomUUID } from 'node:crypto';
import { AppConfig, loadConfig, parseConfig } from '@modelstream/config';
import { SequenceClock, TOPICS, TrainingControlEvent, TrainingEvent, TrainingRequestEvent, type ProblemType } from '@modelstream/contracts';
import { EventCodec, EventPublisher, KafkaClient, TopicFollower } from '@modelstream/kafka';
import { MlflowClient } from '@modelstream/mlflow';
import { ObjectStore } from '@modelstream/storage';

export interface TrainingSubmission {
  csv: string | Buffer;
  modelType: string;
  problemType: ProblemType;
  target?: string;
  params?: Record<string, unknown>;
  modelName?: string;
  /** Bytes per chunk object (the upload's chunking); default 64 KiB. */
  chunkBytes?: number;
  trackingId?: string;
  paramsJson?: string;
}

export interface Submitted {
  trackingId: string;
  modelName: string;
  sha256: string;
}

export const FINAL_EVENTS = new Set(['TrainingCompleted', 'TrainingFailed', 'TrainingCancelled']);

export class TrainerHarness {
  readonly config: AppConfig;
  readonly kafka: KafkaClient;
  readonly codec: EventCodec;
  readonly publisher: EventPublisher;
  readonly store: ObjectStore;
  readonly mlflow: MlflowClient;
  private readonly clock = new SequenceClock();
  private follower?: TopicFollower;
  private readonly events = new Map<string, TrainingEvent[]>();
  private readonly waiters = new Set<() => void>();
  /** A per-run prefix so model names and keys never collide with other test runs. */
  readonly runId = randomUUID().slice(0, 8);

  /** `env` overrides the suite's settings, e.g. a KAFKA_NAMESPACE of the suite's own (give its trainers the same). */
  constructor(env: Record<string, string> = {}) {
    const base = loadConfig(); // reads the .env files into process.env too
    this.config = Object.keys(env).length === 0 ? base : parseConfig({ ...process.env, ...env });
    this.kafka = new KafkaClient(this.config);
    this.codec = new EventCodec(this.config);
    this.publisher = new EventPublisher(this.kafka, this.codec);
    this.store = new ObjectStore(this.config);
    this.mlflow = new MlflowClient(this.config);
  }

  /** Starts reading training events from the current end of the topic. */
  async start(): Promise<void> {
    await this.kafka.ensureTopics(Object.values(TOPICS));
    await this.store.ensureBucket(this.config.S3_BUCKET_UPLOADS);
    this.follower = new TopicFollower(this.kafka, {
      topics: [TOPICS.trainingEvents.name],
      from: 'end',
      groupId: `trainer-e2e-watch-${this.runId}`,
      onMessage: async ({ message }) => {
        if (!message.value) return;
        const event = await this.codec.decode<TrainingEvent>(message.value).catch(() => null);
        if (!event) return;
        const list = this.events.get(event.trackingId) ?? [];
        list.push(event);
        this.events.set(event.trackingId, list);
        this.waiters.forEach((w) => w());
      },
    });
    await this.follower.start();
  }

  async stop(): Promise<void> {
    await this.follower?.stop();
    await this.kafka.onApplicationShutdown();
    this.store.onApplicationShutdown();
  }

  modelName(label: string): string {
    return `e2e-trainer-${this.runId}-${label}`;
  }

  /** Stores the CSV as chunk objects and publishes the TrainingRequested event, as the ingest app does. */
  async submit(s: TrainingSubmission): Promise<Submitted> {
    const trackingId = s.trackingId ?? randomUUID();
    const bytes = Buffer.isBuffer(s.csv) ? s.csv : Buffer.from(s.csv);
    const chunk = s.chunkBytes ?? 64 * 1024;
    const bucket = this.config.S3_BUCKET_UPLOADS;
    const objectKeys: string[] = [];
    for (let i = 0, n = 0; i < bytes.length || n === 0; i += chunk, n++) {
      const key = `e2e-trainer/${trackingId}/chunk-${String(n).padStart(5, '0')}`;
      await this.store.put(bucket, key, bytes.subarray(i, i + chunk), 'text/csv');
      objectKeys.push(key);
    }
    const header = bytes.subarray(0, Math.min(bytes.length, 4096)).toString('utf8').split(/\r?\n/)[0] ?? '';
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const modelName = s.modelName ?? this.modelName(s.modelType);
    await this.publisher.publish<TrainingRequestEvent>(TOPICS.trainingRequests, {
      type: 'TrainingRequested',
      trackingId,
      ownerId: 'legacy',
      sequence: this.clock.next(),
      payload: {
        filename: `${trackingId}.csv`,
        modelName,
        modelType: s.modelType,
        problemType: s.problemType,
        target: s.target ?? 'target',
        paramsJson: s.paramsJson ?? JSON.stringify(s.params ?? {}),
        dataset: { bucket, objectKeys, size: bytes.length, sha256, columns: header.split(','), datasetId: null },
        sweepId: null,
      },
    });
    return { trackingId, modelName, sha256 };
  }

  async cancel(trackingId: string, reason = 'cancelled by the e2e test'): Promise<void> {
    await this.publisher.publish<TrainingControlEvent>(TOPICS.trainingControl, {
      type: 'TrainingCancelRequested',
      trackingId,
      ownerId: 'legacy',
      sequence: this.clock.next(),
      payload: { reason, requestedBy: '' },
    });
  }

  /**
   * The training-requests partitions the trainer with this KAFKA_CLIENT_ID owns in the shared group
   * (other engineers' trainers may be members too), once it owns at least one. The default wait covers a
   * consumer that crashed while joining and restarted: the group waits for the old member until its session
   * (30 s) times out, then rebalances again.
   */
  async partitionsOf(clientId: string, timeoutMs = 150_000): Promise<number[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const group = await this.kafka.groupAssignment('modelstream-trainer', TOPICS.trainingRequests.name);
      const member = group.members.find((m) => m.clientId === clientId);
      if (group.state === 'Stable' && member && member.partitions.length > 0) return member.partitions;
      if (Date.now() > deadline) {
        const members = group.members.map((m) => m.clientId).join(', ');
        throw new Error(`trainer ${clientId} owns no training-requests partition (group ${group.state}: ${members})`);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  /** A new trackingId whose requests land on one of `partitions` (the producer's default partitioner). */
  async trackingIdOn(partitions: number[]): Promise<string> {
    for (;;) {
      const trackingId = randomUUID();
      if (partitions.includes(await this.kafka.partitionOf(TOPICS.trainingRequests.name, trackingId))) return trackingId;
    }
  }

  /** A trackingId that the trainer with this client id will consume (it owns the request's partition). */
  async trackingIdFor(clientId: string): Promise<string> {
    return this.trackingIdOn(await this.partitionsOf(clientId));
  }

  eventsOf(trackingId: string): TrainingEvent[] {
    return this.events.get(trackingId) ?? [];
  }

  /** Waits until `predicate` holds for the job's events (or throws with what was seen). */
  async waitFor(
    trackingId: string,
    predicate: (events: TrainingEvent[]) => boolean,
    timeoutMs: number,
    what = 'event',
  ): Promise<TrainingEvent[]> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.eventsOf(trackingId))) {
      const left = deadline - Date.now();
      if (left <= 0) {
        const seen = this.eventsOf(trackingId).map((e) => e.type);
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} of ${trackingId}; saw ${JSON.stringify(seen)}`);
      }
      await new Promise<void>((resolve) => {
        const done = () => {
          this.waiters.delete(done);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(done, Math.min(left, 1000));
        this.waiters.add(done);
      });
    }
    return this.eventsOf(trackingId);
  }

  /** Waits for the job's final event and returns it with everything before it. */
  async final(trackingId: string, timeoutMs = 120_000): Promise<{ final: TrainingEvent; events: TrainingEvent[] }> {
    const events = await this.waitFor(trackingId, (es) => es.some((e) => FINAL_EVENTS.has(e.type)), timeoutMs, 'a final event');
    return { final: events.find((e) => FINAL_EVENTS.has(e.type))!, events };
  }
}

/**
 * The events of the job's last attempt: from its last "loading" progress event on. Another trainer
 * instance in the shared group may have started the job before and been stopped (attempt 1 of 2).
 */
export function lastAttempt(events: TrainingEvent[]): TrainingEvent[] {
  let start = 0;
  events.forEach((e, i) => {
    if (e.type === 'TrainingProgress' && e.payload.stage === 'loading') start = i;
  });
  return events.slice(start);
}

export type EventByType<T extends TrainingEvent['type']> = Extract<TrainingEvent, { type: T }>;

export function expectType<T extends TrainingEvent['type']>(event: TrainingEvent, type: T): EventByType<T> {
  if (event.type !== type) {
    const detail = event.type === 'TrainingFailed' ? `: ${event.payload.error} (stage ${event.payload.stage})` : '';
    throw new Error(`expected ${type}, got ${event.type}${detail}`);
  }
  return event as EventByType<T>;
}
