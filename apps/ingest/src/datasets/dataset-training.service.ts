/**
 * Trainings of stored datasets: a new job (trackingId) per request, without a re-upload — by
 * POST /api/datasets/:id/train, by a sweep (one per combination), or from JSON rows (POST /api/train) stored
 * as a dataset first. The request is validated like an upload's chunk-0 settings (training-plan.ts).
 */
import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { LOCAL_PRINCIPAL, Principal } from '@modelstream/auth';
import { AppConfig } from '@modelstream/config';
import { modelSpecOf, PayloadTooLargeError, TOPICS, TrainingRequestEvent, UPLOAD_LIMITS } from '@modelstream/contracts';
import { errorMessage, EventPublisher, NewEvent } from '@modelstream/kafka';
import { DatasetEntity, ObjectStore } from '@modelstream/storage';
import { JobHistoryProjection } from '../projections/history/job-history.projection';
import { JobStatusProjection } from '../projections/status/job-status.projection';
import { JobStatusView } from '../projections/status/job-status.view';
import { inspectCsvHead } from '../upload/csv-inspection';
import { checkTrainableColumns, checkTrainableRows } from '../upload/trainable-checks';
import { checkHasDataRows, parseUploadSettings, planTarget, planTraining, problemTypeOfRows } from '../upload/training-plan';
import { datasetIdOf } from './dataset-id';
import { columnNamesOf, manifestOf } from './dataset.views';
import { DatasetsService } from './datasets.service';
import { TrainDatasetDto, TrainRowsDto } from './datasets.dto';
import { rowsToCsv } from './rows-csv';

/** What a training of a dataset may add to the request. */
export interface TrainingOrigin {
  sweepId?: string;
  trackingId?: string;
}

@Injectable()
export class DatasetTrainingService {
  private readonly logger = new Logger(DatasetTrainingService.name);

  constructor(
    private readonly datasets: DatasetsService,
    private readonly publisher: EventPublisher,
    private readonly store: ObjectStore,
    private readonly status: JobStatusProjection,
    private readonly history: JobHistoryProjection,
    private readonly config: AppConfig,
  ) {}

  /** Requests a training of a stored dataset the caller may reach: a new job of the caller's, no re-upload. */
  async train(
    datasetId: string,
    body: TrainDatasetDto,
    caller: Principal = LOCAL_PRINCIPAL,
    origin: TrainingOrigin = {},
  ): Promise<JobStatusView> {
    const dataset = await this.datasets.require(datasetId, caller);
    return this.requestTraining(await this.trainingRequest(dataset, body, caller.ownerId, origin));
  }

  /** Publishes a training request made by `trainingRequest` and answers the new job's status. */
  async requestTraining(event: NewEvent<TrainingRequestEvent>): Promise<JobStatusView> {
    const { event: published } = await this.publisher.publish<TrainingRequestEvent>(TOPICS.trainingRequests, event);
    // Read-after-write in both read models: the job is listed at once, and its dataset is in use at once.
    for (const model of [this.status, this.history]) {
      await model.apply(published, TOPICS.trainingRequests.name).catch((error: unknown) => {
        this.logger.warn({ trackingId: event.trackingId, err: errorMessage(error), msg: 'not projected yet; the projectors will' });
      });
    }
    const { dataset, modelType, sweepId } = event.payload;
    this.logger.log({ trackingId: event.trackingId, datasetId: dataset.datasetId, modelType, sweepId, msg: 'training requested' });
    return (await this.status.get(event.trackingId)) ?? pendingView(event);
  }

  /** The TrainingRequested event of a training of `dataset` (validated; nothing published). */
  async trainingRequest(
    dataset: DatasetEntity,
    body: TrainDatasetDto,
    ownerId: string,
    origin: TrainingOrigin = {},
  ): Promise<NewEvent<TrainingRequestEvent>> {
    const settings = parseUploadSettings({
      filename: dataset.filename,
      target: body.target,
      modelType: body.modelType,
      params: body.params === undefined ? undefined : JSON.stringify(body.params),
      modelName: body.modelName,
    });
    const columns = columnNamesOf(dataset);
    checkTrainableColumns(columns);
    checkTrainableRows(dataset.rows);
    const problemType = settings.modelType
      ? modelSpecOf(settings.modelType).problemType
      : problemTypeOfRows(inspectCsvHead(await this.datasets.headOf(dataset), false), planTarget(settings, columns));
    const plan = planTraining(settings, { columns, problemType, rows: dataset.rows }, manifestOf(dataset));
    const trackingId = origin.trackingId ?? randomUUID();
    return {
      type: 'TrainingRequested',
      trackingId,
      ownerId,
      sequence: 1,
      payload: { filename: dataset.filename, ...plan, sweepId: origin.sweepId ?? null },
    };
  }

  /**
   * POST /api/train (seed 002): the rows become a CSV dataset (stored once per sha256), then one training of it.
   * Settings and the file's shape are checked before anything is stored.
   */
  async trainRows(body: TrainRowsDto, caller: Principal = LOCAL_PRINCIPAL): Promise<JobStatusView> {
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
    const datasetId = datasetIdOf(caller.ownerId, sha256);
    const objectKeys = [`datasets/${datasetId}/data.csv`];
    if (!(await this.datasets.exists(datasetId))) await this.store.put(this.config.S3_BUCKET_UPLOADS, objectKeys[0], bytes, 'text/csv');
    const { dataset } = await this.datasets.register({
      filename: body.filename ?? 'rows.csv',
      bucket: this.config.S3_BUCKET_UPLOADS,
      objectKeys,
      size: bytes.length,
      sha256,
      read: async () => [bytes],
      sourceTrackingId: trackingId,
      ownerId: caller.ownerId,
    });
    return this.train(dataset.datasetId, body, caller, { trackingId });
  }
}

function pendingView(event: {
  trackingId: string;
  ownerId: string;
  payload: { filename: string; modelName: string; modelType: string };
}): JobStatusView {
  const now = new Date().toISOString();
  return {
    trackingId: event.trackingId,
    ownerId: event.ownerId,
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
