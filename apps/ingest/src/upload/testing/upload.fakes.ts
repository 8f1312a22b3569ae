/**
 * Test doubles for the upload unit specs: in-memory stand-ins for everything outside the process (object
 * store, upload-state repository, Kafka publisher, status projection), an UploadService wired to them, and
 * small CSV factories. The real systems are exercised by test/ingest-upload.e2e-spec.ts. Not part of any module.
 */
import { createHash } from 'node:crypto';
import type { AppConfig } from '@modelstream/config';
import { DependencyUnavailableError, DomainError, JobStatus, NotFoundError, TopicSpec } from '@modelstream/contracts';
import type { AnyEvent, EventPublisher } from '@modelstream/kafka';
import { Metrics } from '@modelstream/platform';
import type { DatasetEntity, ObjectStore } from '@modelstream/storage';
import type { DatasetsService, StoredFile } from '../../datasets/datasets.service';
import type { JobHistoryProjection } from '../../projections/history/job-history.projection';
import type { JobStatusProjection } from '../../projections/status/job-status.projection';
import type { JobStatusView } from '../../projections/status/job-status.view';
import { ChunkInput } from '../chunk-request';
import { RecentChunkCache } from '../recent-chunk.cache';
import { UploadChunkRepository } from '../upload-chunk.repository';
import { ChunkInspector } from '../chunk-inspector';
import { ChunkAnswer, UploadState } from '../upload-session';
import type { UploadStateRepository } from '../upload-state.repository';
import { UploadService } from '../upload.service';

export const BUCKET = 'uploads';
export const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export class FakeObjectStore {
  readonly objects = new Map<string, Buffer>();
  readonly reads: string[] = [];
  ensureBucketFailures = 0;
  ensureBucketCalls = 0;

  /** The next this many puts fail as an object store that is away would. */
  putFailures = 0;

  async put(_bucket: string, key: string, body: Buffer): Promise<void> {
    if (this.putFailures-- > 0) throw new DependencyUnavailableError('object-store', 'the object store is unreachable');
    this.objects.set(key, Buffer.from(body));
  }
  async getBuffer(_bucket: string, key: string): Promise<Buffer> {
    this.reads.push(key);
    const bytes = this.objects.get(key);
    if (!bytes) throw new NotFoundError(`no ${key}`);
    return bytes;
  }
  async delete(_bucket: string, key: string): Promise<void> {
    this.objects.delete(key);
  }
  async deletePrefix(_bucket: string, prefix: string): Promise<number> {
    const keys = [...this.objects.keys()].filter((k) => k.startsWith(prefix));
    keys.forEach((k) => this.objects.delete(k));
    return keys.length;
  }
  async ensureBucket(): Promise<void> {
    this.ensureBucketCalls++;
    if (this.ensureBucketFailures-- > 0) throw new DependencyUnavailableError('object-store', 'the object store is starting');
  }
}

/** Keeps each upload as the JSON Redis would hold, so only what was saved survives a request. */
export class FakeStateRepository {
  readonly saved = new Map<string, string>();
  async get(trackingId: string): Promise<UploadState | null> {
    const json = this.saved.get(trackingId);
    return json ? (JSON.parse(json) as UploadState) : null;
  }
  async save(state: UploadState): Promise<void> {
    this.saved.set(state.trackingId, JSON.stringify(state));
  }
  withLock<T>(_trackingId: string, work: () => Promise<T>): Promise<T> {
    return work();
  }
  withLockedState<T>(trackingId: string, work: (state: UploadState | null) => Promise<T>): Promise<T> {
    return this.withLock(trackingId, async () => work(await this.get(trackingId)));
  }
}

export class FakePublisher {
  readonly published: { topic: string; event: AnyEvent }[] = [];
  /** Every event sent, acknowledged or not (an unacknowledged one may still land in Kafka). */
  readonly attempted: AnyEvent[] = [];
  /** Event types Kafka does not acknowledge (the broker is down for them). */
  readonly down = new Set<string>();
  async publish(topic: TopicSpec, event: Omit<AnyEvent, 'eventId' | 'timestamp' | 'producer'>) {
    const complete: AnyEvent = { eventId: `event-${this.attempted.length + 1}`, timestamp: Date.now(), producer: 'ingest', ...event };
    this.attempted.push(complete);
    if (this.down.has(event.type) || this.down.has('*')) {
      throw new DependencyUnavailableError('kafka', 'Kafka did not acknowledge the event. Nothing was lost; retry the request.');
    }
    this.published.push({ topic: topic.name, event: complete });
    return { event: complete, metadata: {} };
  }
  /** `topic type sequence` of each event, in publish order. */
  log(): string[] {
    return this.published.map(({ topic, event }) => `${topic.split('.').pop()} ${event.type} ${event.sequence}`);
  }
}

export class FakeProjection {
  readonly applied: string[] = [];
  /** What `get` answers, by trackingId (none: the job is not projected). */
  readonly views = new Map<string, JobStatusView>();
  failing = false;
  async apply(event: AnyEvent, topic: string): Promise<boolean> {
    if (this.failing) throw new Error('redis is down');
    this.applied.push(`${topic.split('.').pop()} ${event.type} ${event.sequence}`);
    return true;
  }
  async get(trackingId: string): Promise<JobStatusView | null> {
    if (this.failing) throw new Error('redis is down');
    return this.views.get(trackingId) ?? null;
  }
  /** As the real one's record cache: the status of the view it holds, once it applied the event. */
  statusWith(event: AnyEvent, topic: string): JobStatus | null {
    const applied = this.applied.includes(`${topic.split('.').pop()} ${event.type} ${event.sequence}`);
    return applied ? (this.views.get(event.trackingId)?.status ?? null) : null;
  }
}

/** A job's projected status as the projection would answer it. */
export function aView(trackingId: string, status: JobStatus, overrides: Partial<JobStatusView> = {}): JobStatusView {
  const at = new Date(0).toISOString();
  return {
    trackingId,
    ownerId: 'legacy',
    status,
    progress: 0,
    result: null,
    error: null,
    modelId: null,
    stage: null,
    cancelRequestedAt: null,
    createdAt: at,
    updatedAt: at,
    requestedAt: null,
    startedAt: null,
    finishedAt: null,
    ...overrides,
  };
}

/** The dataset catalog in memory: one record per sha256, as the real one (one owner). */
export class FakeDatasets {
  readonly records = new Map<string, DatasetEntity>();

  async register(file: StoredFile): Promise<{ dataset: DatasetEntity; reused: boolean }> {
    const existing = this.records.get(file.sha256);
    if (existing) return { dataset: existing, reused: true };
    const dataset: DatasetEntity = {
      datasetId: `ds-${file.sha256.slice(0, 8)}`,
      owner: '',
      filename: file.filename,
      sha256: file.sha256,
      size: file.size,
      rows: 0,
      columnsJson: '[]',
      bucket: file.bucket,
      objectKeys: JSON.stringify(file.objectKeys),
      sourceTrackingId: file.sourceTrackingId,
      createdAt: new Date(0),
      deletedAt: null,
      sequence: 1,
    };
    this.records.set(file.sha256, dataset);
    return { dataset, reused: false };
  }
}

/** A cache that never hits: as when another instance took the earlier chunks. */
export class ColdCache extends RecentChunkCache {
  override readonly inspector = new ChunkInspector({ thread: false, capacity: 0 });

  override get(): undefined {
    return undefined;
  }
}

/** The chunks' CPU work inline, not on a thread (the thread has specs of its own: chunk-inspector.spec.ts). */
export class InlineCache extends RecentChunkCache {
  override readonly inspector = new ChunkInspector({ thread: false });
}

export function uploadHarness(cache: RecentChunkCache = new InlineCache()) {
  const store = new FakeObjectStore();
  const states = new FakeStateRepository();
  const publisher = new FakePublisher();
  const projection = new FakeProjection();
  const datasets = new FakeDatasets();
  const history = { applied: [] as string[], apply: async (e: AnyEvent, topic: string) => void history.applied.push(`${topic} ${e.type}`) };
  const chunks = new UploadChunkRepository({ S3_BUCKET_UPLOADS: BUCKET } as AppConfig, store as unknown as ObjectStore, cache);
  const service = new UploadService(
    chunks,
    states as unknown as UploadStateRepository,
    publisher as unknown as EventPublisher,
    projection as unknown as JobStatusProjection,
    history as unknown as JobHistoryProjection,
    datasets as unknown as DatasetsService,
    new Metrics(),
  );
  /** Sends `parts` in order as one upload; chunk 0 carries `settings`. */
  const upload = async (parts: Buffer[], settings: Partial<ChunkInput> = {}, filename = 'data.csv'): Promise<ChunkAnswer[]> => {
    const answers: ChunkAnswer[] = [];
    for (const [i, bytes] of parts.entries()) {
      const extra = i === 0 ? settings : { trackingId: answers[0].trackingId };
      answers.push(await service.receiveChunk({ filename, chunkIndex: i, totalChunks: parts.length, bytes, ...extra }));
    }
    return answers;
  };
  /** Chunk 0 of `parts` without a trackingId: starts an upload. */
  const start = (parts: Buffer[], settings: Partial<ChunkInput> = {}) =>
    service.receiveChunk({ filename: 'data.csv', chunkIndex: 0, totalChunks: parts.length, bytes: parts[0], ...settings });
  /** Chunk `index` of an upload, with its own bytes or others. */
  const send = (trackingId: string, parts: Buffer[], index: number, bytes = parts[index]) =>
    service.receiveChunk({ trackingId, filename: 'data.csv', chunkIndex: index, totalChunks: parts.length, bytes });
  const stateOf = (trackingId: string) => JSON.parse(states.saved.get(trackingId)!) as UploadState;
  return { store, states, publisher, projection, history, datasets, chunks, service, upload, start, send, stateOf };
}

/** A CSV with features x1, x2 and a target y: labels a/b/c, or fractional numbers. */
export function csv(rows: number, target: 'label' | 'float' = 'label'): Buffer {
  const lines = ['x1,x2,y'];
  for (let i = 0; i < rows; i++) lines.push(`${i},${(i * 7) % 11},${target === 'label' ? 'abc'[i % 3] : (i * 1.5).toFixed(2)}`);
  return Buffer.from(lines.join('\n') + '\n');
}

/** A CSV of `columns` columns f0..fN (the last one the target) and `rows` rows of digits. */
export function wideCsv(columns: number, rows: number): Buffer {
  const header = Array.from({ length: columns }, (_, c) => `f${c}`).join(',');
  const row = (r: number) => Array.from({ length: columns }, (_, c) => String((r + c) % 10)).join(',');
  return Buffer.from([header, ...Array.from({ length: rows }, (_, r) => row(r))].join('\n') + '\n');
}

/** `file` cut into `count` parts at arbitrary byte positions. */
export function split(file: Buffer, count: number): Buffer[] {
  const size = Math.ceil(file.length / count);
  return Array.from({ length: count }, (_, i) => file.subarray(i * size, (i + 1) * size));
}

/** The HTTP status a rejected call would answer with. */
export async function statusOf(call: Promise<unknown>): Promise<number> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a domain error, got ${String(error)}`);
  return error.status;
}
