/**
 * Datasets as a resource: stored bytes registered once per (owner, sha256), listed, shown with a preview,
 * deleted (refused while a job of it runs; the bytes go only when no record uses them), and trained again
 * without a re-upload. Every change is an event on the datasets topic (replay rebuilds the catalog), applied
 * at once for read-after-write; the projector applies the same event later as a no-op.
 */
import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { AppConfig } from '@modelstream/config';
import {
  CatalogEvent,
  ConflictError,
  DatasetManifest,
  modelSpecOf,
  NotFoundError,
  PayloadTooLargeError,
  SequenceClock,
  TOPICS,
  TrainingRequestEvent,
  UPLOAD_LIMITS,
} from '@modelstream/contracts';
import { errorMessage, EventPublisher, NewEvent } from '@modelstream/kafka';
import { DatasetEntity, ObjectStore } from '@modelstream/storage';
import { JobStatusProjection } from '../projections/status/job-status.projection';
import { JobStatusView } from '../projections/status/job-status.view';
import { jobsPage, selectJobs } from '../projections/list-jobs.query';
import { inspectCsvHead } from '../upload/csv-inspection';
import { checkHasDataRows, parseUploadSettings, planTarget, planTraining, problemTypeOfRows } from '../upload/training-plan';
import { CatalogProjection } from './catalog.projection';
import { CatalogRepository } from './catalog.repository';
import { datasetIdOf, DEFAULT_OWNER } from './dataset-id';
import { ColumnProfile, profileCsv } from './dataset-profile';
import {
  DatasetDeletedView,
  DatasetDetailView,
  DatasetList,
  DatasetView,
  ListDatasetsQuery,
  TrainDatasetDto,
  TrainRowsDto,
} from './datasets.dto';
import { rowsToCsv } from './rows-csv';

/** Bytes read from a dataset's start for its preview and a default problem type. */
const HEAD_BYTES = 256 * 1024;

/** Stored bytes about to become a dataset. */
export interface StoredFile {
  filename: string;
  bucket: string;
  objectKeys: string[];
  size: number;
  sha256: string;
  /** The file's bytes, in order (for its profile). */
  chunks: Buffer[];
  sourceTrackingId: string;
}

/** What a training of a dataset may add to the request. */
export interface TrainingOrigin {
  sweepId?: string;
  trackingId?: string;
}

@Injectable()
export class DatasetsService {
  private readonly logger = new Logger(DatasetsService.name);
  private readonly clock = new SequenceClock();

  constructor(
    private readonly repository: CatalogRepository,
    private readonly projection: CatalogProjection,
    private readonly publisher: EventPublisher,
    private readonly store: ObjectStore,
    private readonly status: JobStatusProjection,
    private readonly config: AppConfig,
  ) {}

  /** Registers stored bytes as a dataset; the live record of the same bytes when there is one (`reused`). */
  async register(file: StoredFile): Promise<{ dataset: DatasetEntity; reused: boolean }> {
    const datasetId = datasetIdOf(DEFAULT_OWNER, file.sha256);
    const existing = await this.repository.findDataset(datasetId);
    if (existing) return { dataset: existing, reused: true };
    const profile = await profileCsv(file.chunks, 0);
    await this.publishCatalog({
      type: 'DatasetCreated',
      trackingId: datasetId,
      sequence: this.clock.next(),
      payload: {
        datasetId,
        owner: DEFAULT_OWNER,
        filename: file.filename,
        bucket: file.bucket,
        objectKeys: file.objectKeys,
        size: file.size,
        sha256: file.sha256,
        rows: profile.rows,
        columnsJson: JSON.stringify(profile.columns),
        sourceTrackingId: file.sourceTrackingId,
      },
    });
    this.logger.log({ trackingId: file.sourceTrackingId, datasetId, rows: profile.rows, size: file.size, msg: 'dataset created' });
    return { dataset: await this.require(datasetId), reused: false };
  }

  async list(query: ListDatasetsQuery): Promise<DatasetList> {
    const window = selectJobs(query);
    const [rows, total] = await this.repository.listDatasets(window.limit, window.offset);
    return { ...jobsPage(window, total, rows.length), items: rows.map(toView) };
  }

  async get(datasetId: string): Promise<DatasetDetailView> {
    const dataset = await this.require(datasetId);
    const head = inspectCsvHead(await this.readHead(dataset), false) ?? { columns: [], rows: [] };
    const rows = head.rows.slice(0, 10).map((r) => head.columns.map((_, i) => (r[i] === undefined || r[i] === '' ? null : r[i])));
    return { ...toView(dataset), preview: { columns: head.columns, rows } };
  }

  async delete(datasetId: string): Promise<DatasetDeletedView> {
    const dataset = await this.require(datasetId);
    const active = await this.repository.activeJobsOf(datasetId);
    if (active.length) {
      throw new ConflictError(
        `Dataset ${datasetId} is in use by ${active.length} pending or running job(s) (${active.slice(0, 5).join(', ')}). ` +
          'Wait for them to finish or cancel them, then delete it.',
        { datasetId },
      );
    }
    const shared = (await this.repository.countOtherRecordsOf(dataset.sha256, datasetId)) > 0;
    if (!shared) await this.removeObjects(dataset);
    await this.publishCatalog({
      type: 'DatasetDeleted',
      trackingId: datasetId,
      sequence: this.clock.next(),
      payload: { datasetId, objectsRemoved: !shared },
    });
    this.logger.log({ datasetId, freedBytes: shared ? 0 : dataset.size, msg: 'dataset deleted' });
    return { datasetId, deleted: true, freedBytes: shared ? 0 : dataset.size };
  }

  /** Requests a training of a stored dataset: a new job (trackingId), no re-upload. */
  async train(datasetId: string, body: TrainDatasetDto, origin: TrainingOrigin = {}): Promise<JobStatusView> {
    const dataset = await this.require(datasetId);
    return this.requestTraining(await this.trainingRequest(dataset, body, origin));
  }

  /** Publishes a training request made by `trainingRequest` and answers the new job's status. */
  async requestTraining(event: NewEvent<TrainingRequestEvent>): Promise<JobStatusView> {
    const { event: published } = await this.publisher.publish<TrainingRequestEvent>(TOPICS.trainingRequests, event);
    await this.status.apply(published, TOPICS.trainingRequests.name).catch((error: unknown) => {
      this.logger.warn({ trackingId: event.trackingId, err: errorMessage(error), msg: 'status not projected yet; the projector will' });
    });
    const { dataset, modelType, sweepId } = event.payload;
    this.logger.log({ trackingId: event.trackingId, datasetId: dataset.datasetId, modelType, sweepId, msg: 'training requested' });
    return (await this.status.get(event.trackingId)) ?? pendingView(event);
  }

  /** The TrainingRequested event of a training of `dataset` (validated; nothing published). */
  async trainingRequest(
    dataset: DatasetEntity,
    body: TrainDatasetDto,
    origin: TrainingOrigin = {},
  ): Promise<NewEvent<TrainingRequestEvent>> {
    const settings = parseUploadSettings({
      filename: dataset.filename,
      target: body.target,
      modelType: body.modelType,
      params: body.params === undefined ? undefined : JSON.stringify(body.params),
      modelName: body.modelName,
    });
    const columns = profileOf(dataset).map((c) => c.name);
    const problemType = settings.modelType
      ? modelSpecOf(settings.modelType).problemType
      : problemTypeOfRows(inspectCsvHead(await this.readHead(dataset), false), planTarget(settings, columns));
    const plan = planTraining(settings, { columns, problemType }, manifestOf(dataset));
    const trackingId = origin.trackingId ?? randomUUID();
    return {
      type: 'TrainingRequested',
      trackingId,
      sequence: 1,
      payload: { filename: dataset.filename, ...plan, sweepId: origin.sweepId ?? null },
    };
  }

  /**
   * POST /api/train (seed 002): the rows become a CSV dataset (stored once per sha256), then one training of it.
   * Settings and the file's shape are checked before anything is stored.
   */
  async trainRows(body: TrainRowsDto): Promise<JobStatusView> {
    const bytes = rowsToCsv(body.rows);
    if (bytes.length > UPLOAD_LIMITS.maxFileBytes) {
      throw new PayloadTooLargeError(
        `The rows make a ${(bytes.length / 1048576).toFixed(1)} MB CSV; the limit is ${UPLOAD_LIMITS.maxFileBytes / 1048576} MB. Send fewer rows or upload the file in chunks.`,
      );
    }
    const head = inspectCsvHead(bytes, true)!;
    checkHasDataRows(head.rows.length + 1, head.columns);
    planTarget(parseUploadSettings({ filename: body.filename ?? 'rows.csv', target: body.target }), head.columns);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const trackingId = randomUUID();
    const datasetId = datasetIdOf(DEFAULT_OWNER, sha256);
    const objectKeys = [`datasets/${datasetId}/data.csv`];
    if (!(await this.repository.findDataset(datasetId)))
      await this.store.put(this.config.S3_BUCKET_UPLOADS, objectKeys[0], bytes, 'text/csv');
    const { dataset } = await this.register({
      filename: body.filename ?? 'rows.csv',
      bucket: this.config.S3_BUCKET_UPLOADS,
      objectKeys,
      size: bytes.length,
      sha256,
      chunks: [bytes],
      sourceTrackingId: trackingId,
    });
    return this.train(dataset.datasetId, body, { trackingId });
  }

  /** A live dataset, or a 404 that says what to do. */
  async require(datasetId: string): Promise<DatasetEntity> {
    const dataset = await this.repository.findDataset(datasetId);
    if (!dataset) {
      throw new NotFoundError(`No dataset '${datasetId}'. List the datasets with GET /api/datasets; a deleted dataset is gone for good.`);
    }
    return dataset;
  }

  /** Publishes a datasets-topic event and applies it at once (read-after-write). */
  async publishCatalog(event: NewEvent<CatalogEvent>): Promise<void> {
    const { event: published } = await this.publisher.publish<CatalogEvent>(TOPICS.datasets, event);
    await this.projection.apply(published);
  }

  /** The next sequence of a datasets-topic event (only grows, also across processes). */
  nextSequence(): number {
    return this.clock.next();
  }

  private async readHead(dataset: DatasetEntity): Promise<Buffer> {
    const parts: Buffer[] = [];
    let size = 0;
    for (const key of JSON.parse(dataset.objectKeys) as string[]) {
      if (size >= HEAD_BYTES) break;
      const bytes = await this.store.getBuffer(dataset.bucket, key);
      parts.push(bytes);
      size += bytes.length;
    }
    return Buffer.concat(parts);
  }

  /** Deletes the dataset's objects: every key shares its upload's (or dataset's) folder. */
  private async removeObjects(dataset: DatasetEntity): Promise<void> {
    const keys = JSON.parse(dataset.objectKeys) as string[];
    const folders = new Set(keys.map((k) => k.slice(0, k.lastIndexOf('/') + 1)).filter((f) => f !== ''));
    for (const folder of folders) await this.store.deletePrefix(dataset.bucket, folder);
  }
}

export function manifestOf(dataset: DatasetEntity): DatasetManifest & { datasetId: string } {
  return {
    datasetId: dataset.datasetId,
    bucket: dataset.bucket,
    objectKeys: JSON.parse(dataset.objectKeys) as string[],
    size: dataset.size,
    sha256: dataset.sha256,
    columns: profileOf(dataset).map((c) => c.name),
  };
}

function profileOf(dataset: DatasetEntity): ColumnProfile[] {
  return JSON.parse(dataset.columnsJson) as ColumnProfile[];
}

export function toView(dataset: DatasetEntity): DatasetView {
  return {
    datasetId: dataset.datasetId,
    filename: dataset.filename,
    sha256: dataset.sha256,
    size: dataset.size,
    storageBytes: dataset.size,
    rows: dataset.rows,
    columns: profileOf(dataset),
    createdAt: dataset.createdAt.toISOString(),
    trackingId: dataset.sourceTrackingId,
    bucket: dataset.bucket,
    objectKeys: JSON.parse(dataset.objectKeys) as string[],
  };
}

function pendingView(event: { trackingId: string; payload: { filename: string; modelName: string; modelType: string } }): JobStatusView {
  const now = new Date().toISOString();
  return {
    trackingId: event.trackingId,
    status: 'pending',
    progress: 0,
    result: null,
    error: null,
    modelId: null,
    stage: 'queued',
    filename: event.payload.filename,
    modelName: event.payload.modelName,
    modelType: event.payload.modelType,
    cancelRequestedAt: null,
    createdAt: now,
    updatedAt: now,
    requestedAt: now,
    startedAt: null,
    finishedAt: null,
  };
}
