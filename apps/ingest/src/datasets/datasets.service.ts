/**
 * Datasets as a resource: stored bytes registered once per (owner, sha256), listed, shown with a preview,
 * deleted (refused while a job of it runs; the bytes go only when no record uses them); trainings of them are
 * dataset-training.service.ts. Every change is an event on the datasets topic (replay rebuilds the catalog), applied
 * at once for read-after-write; the projector applies the same event later as a no-op.
 */
import { Injectable, Logger } from '@nestjs/common';
import { canReach, LOCAL_PRINCIPAL, Principal } from '@modelstream/auth';
import { CatalogEvent, ConflictError, FINAL_STATUSES, NotFoundError, ownerOf, SequenceClock, TOPICS } from '@modelstream/contracts';
import { EventPublisher, NewEvent } from '@modelstream/kafka';
import { DatasetEntity, ObjectStore } from '@modelstream/storage';
import { jobsPage, selectJobs } from '../projections/list-jobs.query';
import { JobStatusProjection } from '../projections/status/job-status.projection';
import { inspectCsvHead } from '../upload/csv-inspection';
import { CatalogProjection } from './catalog.projection';
import { CatalogRepository } from './catalog.repository';
import { datasetIdOf } from './dataset-id';
import { DatasetProfile, profileCsv } from './dataset-profile';
import { toView } from './dataset.views';
import { DatasetDeletedView, DatasetDetailView, DatasetList, ListDatasetsQuery } from './datasets.dto';

/** Bytes read from a dataset's start for its preview and a default problem type. */
const HEAD_BYTES = 256 * 1024;

/** Stored bytes about to become a dataset. */
export interface StoredFile {
  filename: string;
  bucket: string;
  objectKeys: string[];
  size: number;
  sha256: string;
  /** The file's bytes, in order (for its profile; read only when the dataset is new). */
  read: () => Promise<Buffer[]>;
  /** The profile when the caller built it as the bytes came (undefined or null: `read` them and profile here). */
  profiled?: () => Promise<DatasetProfile | null | undefined>;
  sourceTrackingId: string;
  ownerId: string;
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
  ) {}

  /** Registers stored bytes as a dataset; the live record of the same bytes when there is one (`reused`). */
  async register(file: StoredFile): Promise<{ dataset: DatasetEntity; reused: boolean }> {
    const datasetId = datasetIdOf(file.ownerId, file.sha256);
    const existing = await this.repository.findDataset(datasetId);
    if (existing) return { dataset: existing, reused: true };
    const profile = (await file.profiled?.()) ?? (await profileCsv(await file.read(), 0));
    await this.publishCatalog({
      type: 'DatasetCreated',
      trackingId: datasetId,
      ownerId: file.ownerId,
      sequence: this.clock.next(),
      payload: {
        datasetId,
        owner: file.ownerId,
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

  /** The caller's datasets (an admin's: everyone's), newest first. */
  async list(query: ListDatasetsQuery, caller: Principal = LOCAL_PRINCIPAL): Promise<DatasetList> {
    const window = selectJobs(query);
    const [rows, total] = await this.repository.listDatasets(window.limit, window.offset, caller.admin ? undefined : caller.ownerId);
    return { ...jobsPage(window, total, rows.length), items: rows.map(toView) };
  }

  async get(datasetId: string, caller: Principal = LOCAL_PRINCIPAL): Promise<DatasetDetailView> {
    const dataset = await this.require(datasetId, caller);
    const head = inspectCsvHead(await this.headOf(dataset), false) ?? { columns: [], rows: [] };
    const rows = head.rows.slice(0, 10).map((r) => head.columns.map((_, i) => (r[i] === undefined || r[i] === '' ? null : r[i])));
    return { ...toView(dataset), preview: { columns: head.columns, rows } };
  }

  async delete(datasetId: string, caller: Principal = LOCAL_PRINCIPAL): Promise<DatasetDeletedView> {
    const dataset = await this.require(datasetId, caller);
    const active = await this.activeJobsOf(datasetId);
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
      ownerId: dataset.owner,
      sequence: this.clock.next(),
      payload: { datasetId, objectsRemoved: !shared },
    });
    this.logger.log({ datasetId, freedBytes: shared ? 0 : dataset.size, msg: 'dataset deleted' });
    return { datasetId, deleted: true, freedBytes: shared ? 0 : dataset.size };
  }

  /**
   * The dataset's pending or running jobs: the history names them, the live status (ahead of the history by a
   * moment) confirms each, so a job that just finished does not hold a deletion back.
   */
  private async activeJobsOf(datasetId: string): Promise<string[]> {
    const candidates = await this.repository.activeJobsOf(datasetId);
    const live = await Promise.all(candidates.map((id) => this.status.get(id).catch(() => null)));
    return candidates.filter((_, i) => !live[i] || !FINAL_STATUSES.has(live[i].status));
  }

  /** Whether a live dataset has this id. */
  async exists(datasetId: string): Promise<boolean> {
    return (await this.repository.findDataset(datasetId)) !== null;
  }

  /** A live dataset the caller may reach (another owner's is unknown to it), or a 404 that says what to do. */
  async require(datasetId: string, caller: Principal = LOCAL_PRINCIPAL): Promise<DatasetEntity> {
    const dataset = await this.repository.findDataset(datasetId);
    if (!dataset || !canReach(caller, ownerOf(dataset.owner))) {
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

  /** The first bytes of a dataset (at most HEAD_BYTES, cut at no particular row). */
  async headOf(dataset: DatasetEntity): Promise<Buffer> {
    const parts: Buffer[] = [];
    let size = 0;
    for (const key of JSON.parse(dataset.objectKeys) as string[]) {
      if (size >= HEAD_BYTES) break;
      const bytes = await this.store.getBuffer(dataset.bucket, key);
      parts.push(bytes);
      size += bytes.length;
    }
    return Buffer.concat(parts).subarray(0, HEAD_BYTES);
  }

  /** Deletes the dataset's objects: every key shares its upload's (or dataset's) folder. */
  private async removeObjects(dataset: DatasetEntity): Promise<void> {
    const keys = JSON.parse(dataset.objectKeys) as string[];
    const folders = new Set(keys.map((k) => k.slice(0, k.lastIndexOf('/') + 1)).filter((f) => f !== ''));
    for (const folder of folders) await this.store.deletePrefix(dataset.bucket, folder);
  }
}
