/**
 * Generated from openapi/ingest.json by libs/client/scripts/generate.ts (openapi-typescript): do not edit.
 * `npm run gen:client` rewrites it; `npm run check:client` fails when it is out of date.
 */

export interface paths {
  '/api/auth/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Who the API key is: its owner, name and scopes (the portal’s login checks a key with it) */
    get: operations['WhoAmIController_me'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The audit trail: who created or revoked keys, cancelled others’ jobs, republished dead letters, moved aliases */
    get: operations['AuditController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['HealthController_check'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/model-train/start': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Upload one chunk of a CSV file; chunk 0 starts a job and returns its trackingId, the last chunk requests the training */
    post: operations['UploadController_start'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/model-train/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A live stream (server-sent events) of every job's status changes, for a jobs table: one connection for all rows
     * @description Each change of any job, as it happens, is an event named "status" whose data is the JobStatusView of GET /api/model-train/status/{trackingId} (no current state is sent: list the jobs first, then apply the changes). A ": keep-alive" comment every 15 s keeps proxies from closing a quiet stream. The stream does not end by itself; read it with fetch (it takes an Authorization header) rather than EventSource.
     */
    get: operations['JobStatusController_everyJob'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/model-train/status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every job with its status, newest first; filter by status and time, page with limit/offset or page/pageSize */
    get: operations['JobStatusController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/model-train/status/{trackingId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A job's status, progress, result (metrics), error and modelId */
    get: operations['JobStatusController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/model-train/{trackingId}/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A live stream (server-sent events) of a job's status: the current state first, then each change; ends after a final status */
    get: operations['JobStatusController_events'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/model-train/jobs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Jobs from the durable history (MariaDB), newest first; filter by status, model type, filename and time, page with limit/offset or page/pageSize */
    get: operations['JobHistoryController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/model-train/jobs/{trackingId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A job's full life: settings, status transitions, per-epoch and final metrics, model id */
    get: operations['JobHistoryController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/datasets': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Datasets, newest first (paged like the job lists) */
    get: operations['DatasetsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/datasets/{datasetId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A dataset: its column profile and first rows */
    get: operations['DatasetsController_get'];
    put?: never;
    post?: never;
    /** Delete a dataset; its stored bytes go when no other record uses them */
    delete: operations['DatasetsController_delete'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/datasets/{datasetId}/train': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Train a stored dataset again (a new job; no re-upload) */
    post: operations['DatasetsController_train'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/train': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Train on JSON rows (seed 002): the rows are stored as a dataset, then trained */
    post: operations['DatasetsController_trainRows'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/datasets/{datasetId}/sweeps': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Fan a dataset out into one training per combination of model families and grid values */
    post: operations['SweepsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/sweeps/{sweepId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A sweep's live leaderboard, best first by its metric */
    get: operations['SweepsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/model-train/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Cancel many jobs: named ones, a sweep, by status or creation time (selectors combine); each through the single cancel
     * @description At most 1000 jobs a call (oldest first; `truncated` says more matched). Selection by sweepId, status or createdBefore reads the job history: jobs still pending or running whose cancel was not requested yet.
     */
    post: operations['TrainingControlController_cancelMany'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/model-train/{trackingId}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Ask for a job to be cancelled; the trainer stops it and the status turns cancelled */
    post: operations['TrainingControlController_cancel'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/model-specs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The model families (modelType keys) with their default hyperparameters and rules */
    get: operations['ModelSpecsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/dead-letters': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Messages of the dead-letter topic with their origin topic/partition/offset, consumer group and error */
    get: operations['DeadLettersController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/dead-letters/republish': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Re-publishes the chosen dead letters to the topic they came from */
    post: operations['DeadLettersController_republish'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/ops/consumers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The consumer groups of this app's KAFKA_NAMESPACE: state, members and their partitions, lag per topic and partition
     * @description A group is listed when it reads one of the modelstream topics (committed offsets or assigned partitions). Lag is the partition's end offset minus the group's committed offset (the oldest kept message when it never committed). The trainer group's members are the trainer instances.
     */
    get: operations['ConsumersController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    WhoAmIView: {
      /**
       * @description Whether the platform asks for keys (AUTH)
       * @enum {string}
       */
      auth: 'required' | 'off';
      /** @description The owner the key acts for (legacy with AUTH=off) */
      ownerId: string;
      /** @description The key's name */
      keyName: string;
      /** @description The key's id (the first 16 hex digits of its SHA-256; local with AUTH=off) */
      keyId: string;
      scopes: ('read' | 'train' | 'predict' | 'admin')[];
      /** @description Whether the key reaches every owner and the operator routes */
      admin: boolean;
    };
    AuditEntryView: {
      eventId: string;
      /** Format: date-time */
      at: string;
      /** @example job.cancelled */
      action: string;
      /**
       * @description owner/keyId of the key that acted, or cli
       * @example ops/4f1c2a9be0d3c771
       */
      actor: string;
      /** @description What was acted upon: a key id, a trackingId, name@alias, dead letters */
      target: string;
      /** @description The owner of what was acted upon */
      ownerId: string;
      details: {
        [key: string]: unknown;
      };
    };
    AuditPage: {
      /** @description Newest first */
      items: components['schemas']['AuditEntryView'][];
      total: number;
      limit: number;
      offset: number;
    };
    ApiErrorBody: {
      /**
       * @description The HTTP status, repeated
       * @example 404
       */
      statusCode: number;
      /**
       * @description The kind of error: a domain error class name (NotFoundError, InvalidInputError, …) or the HTTP reason ("Bad Request")
       * @example NotFoundError
       */
      error: string;
      /**
       * @description What went wrong and what to do; one string per broken rule when the request failed validation
       * @example No registered model is named "churn".
       */
      message: string | string[];
      /** @description What the error is about (ids, names, limits) */
      details?: {
        [key: string]: unknown;
      };
      /** @description Whether the same request may succeed later (true only for 503 and 429; see Retry-After) */
      retryable?: boolean;
      /** @description On a 500 only: quote it when reporting the error (the log line under it has the rest) */
      correlationId?: string;
    };
    UploadChunkDto: {
      /**
       * Format: binary
       * @description The chunk's bytes
       */
      file: string;
      /**
       * @description Name of the CSV file being uploaded (same on every chunk)
       * @example iris.csv
       */
      filename: string;
      /** @description 0-based index of this chunk */
      chunkIndex: number;
      /** @description Number of chunks of the whole file */
      totalChunks: number;
      /** @description Required on every chunk after the first: the trackingId the first answer returned */
      trackingId?: string;
      /** @description First chunk only: the label column (default: the last column) */
      target?: string;
      /**
       * @description First chunk only: a key of GET /api/model-specs. Default: linear_regression when every target value in the first rows is a number and some is fractional or there are more than 20 distinct ones, else logistic_regression
       * @example logistic_regression
       */
      modelType?: string;
      /**
       * @description First chunk only: hyperparameters as a JSON object string
       * @example {"epochs": 20}
       */
      params?: string;
      /** @description First chunk only: the registered model name (default: derived from the filename) */
      modelName?: string;
      /**
       * @description First chunk only: "false" stores the file as a dataset and starts no job (default "true")
       * @enum {string}
       */
      train?: 'true' | 'false';
    };
    UploadChunkAnswer: {
      /** @description The job id: send it on every later chunk and use it to follow the job */
      trackingId: string;
      chunkIndex: number;
      /** @description Chunks accepted so far */
      receivedChunks: number;
      totalChunks: number;
      /** @enum {string} */
      status: 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';
      /** @description On the last chunk: the dataset the file is stored as */
      datasetId?: string;
    };
    JobStatusView: {
      trackingId: string;
      /** @enum {string} */
      status: 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';
      /** @description 0-100 */
      progress: number;
      /** @description When completed: { metrics: { accuracy, f1, rmse, r2, ... }, ... } */
      result: Record<string, unknown> | null;
      error: string | null;
      /** @description models:/<name>/<version>, what inference takes */
      modelId: string | null;
      /** @description uploading, uploaded (a dataset, no training), queued, loading, preprocessing, training, evaluating, registering, done */
      stage: string | null;
      /** @description The owner of the API key that started the job (legacy: from before access control, or AUTH=off) */
      ownerId: string;
      filename?: string;
      modelName?: string;
      modelType?: string;
      problemType?: string;
      target?: string;
      modelVersion?: string;
      mlflowRunId?: string;
      /** @description The dataset the job trains on (or the upload became) */
      datasetId?: string;
      /** @description The sweep the job is one combination of */
      sweepId?: string;
      receivedChunks?: number;
      totalChunks?: number;
      epoch?: number;
      epochs?: number;
      cancelRequestedAt: string | null;
      createdAt: string;
      updatedAt: string;
      requestedAt: string | null;
      startedAt: string | null;
      finishedAt: string | null;
    };
    JobSummary: {
      trackingId: string;
      /** @enum {string} */
      status: 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';
      createdAt: string;
    };
    JobList: {
      /** @description Jobs matching the filters */
      total: number;
      limit: number;
      offset: number;
      /** @description Offset of the next page, null on the last one */
      nextOffset: number | null;
      /** @description 1-based page number (offset / pageSize + 1) */
      page: number;
      /** @description Same as limit */
      pageSize: number;
      /** @description Newest first */
      items: components['schemas']['JobSummary'][];
    };
    JobHistorySummary: {
      trackingId: string;
      filename: string | null;
      modelName: string | null;
      /** @example logistic_regression */
      modelType: string | null;
      /** @enum {string} */
      status: 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';
      /** @description 0-100 */
      progress: number;
      /** @description uploading, queued, loading, preprocessing, training, evaluating, registering, done */
      stage: string | null;
      /** @description Version number per (dataset, model type) */
      version: number | null;
      /** @description models:/<name>/<version>, what inference takes */
      modelId: string | null;
      error: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      startedAt: string | null;
      /** Format: date-time */
      finishedAt: string | null;
      /** @description The dataset the job trains on (or the upload became) */
      datasetId: string | null;
      /** @description The sweep the job is one combination of */
      sweepId: string | null;
    };
    JobHistoryPage: {
      /** @description Jobs matching the filters */
      total: number;
      limit: number;
      offset: number;
      /** @description Offset of the next page, null on the last one */
      nextOffset: number | null;
      /** @description 1-based page number (offset / pageSize + 1) */
      page: number;
      /** @description Same as limit */
      pageSize: number;
      /** @description Newest first */
      items: components['schemas']['JobHistorySummary'][];
    };
    JobHistoryDataset: {
      sha256: string | null;
      /** @description Bytes */
      size: number | null;
      columns: string[] | null;
    };
    JobHistorySettings: {
      modelName: string | null;
      modelType: string | null;
      /** @enum {string|null} */
      problemType: 'classification' | 'regression' | null;
      target: string | null;
      /** @description The hyperparameters asked for */
      hyperparameters: {
        [key: string]: unknown;
      } | null;
      /** @description What the trainer reported when it started: effective params, backend, column roles */
      training: {
        [key: string]: unknown;
      } | null;
    };
    JobHistoryUpload: {
      receivedChunks: number;
      totalChunks: number | null;
    };
    JobHistoryCancel: {
      reason: string | null;
      /** Format: date-time */
      requestedAt: string | null;
    };
    JobHistoryTransition: {
      /** @enum {string} */
      status: 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';
      /** Format: date-time */
      at: string;
      /** @example TrainingStarted */
      eventType: string;
    };
    JobHistoryEpoch: {
      epoch: number;
      /**
       * @example {
       *       "loss": 0.41,
       *       "val_loss": 0.44
       *     }
       */
      metrics: {
        [key: string]: number | null;
      };
    };
    JobHistoryDetail: {
      trackingId: string;
      filename: string | null;
      modelName: string | null;
      /** @example logistic_regression */
      modelType: string | null;
      /** @enum {string} */
      status: 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';
      /** @description 0-100 */
      progress: number;
      /** @description uploading, queued, loading, preprocessing, training, evaluating, registering, done */
      stage: string | null;
      /** @description Version number per (dataset, model type) */
      version: number | null;
      /** @description models:/<name>/<version>, what inference takes */
      modelId: string | null;
      error: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      startedAt: string | null;
      /** Format: date-time */
      finishedAt: string | null;
      /** @description The dataset the job trains on (or the upload became) */
      datasetId: string | null;
      /** @description The sweep the job is one combination of */
      sweepId: string | null;
      dataset: components['schemas']['JobHistoryDataset'];
      settings: components['schemas']['JobHistorySettings'];
      upload: components['schemas']['JobHistoryUpload'];
      /** @description Training attempts (more than 1 after a trainer took over a dead one) */
      attempts: number;
      mlflowRunId: string | null;
      modelVersion: string | null;
      /** @description null when no cancel was asked */
      cancel: components['schemas']['JobHistoryCancel'] | null;
      /** Format: date-time */
      requestedAt: string | null;
      /** Format: date-time */
      lastEventAt: string;
      transitions: components['schemas']['JobHistoryTransition'][];
      /** @description Per-epoch metrics, in epoch order */
      epochs: components['schemas']['JobHistoryEpoch'][];
      /**
       * @description Final validation metrics
       * @example {
       *       "accuracy": 0.93,
       *       "f1": 0.92
       *     }
       */
      metrics: {
        [key: string]: number | null;
      };
      /** @description The trainer's result (null until completed) */
      result: {
        [key: string]: unknown;
      } | null;
    };
    ColumnProfileView: {
      name: string;
      /** @enum {string} */
      type: 'numeric' | 'categorical' | 'empty';
      /** @description Cells that are empty, NA, N/A, null, none or ? */
      missing: number;
      /** @description Distinct present values (counted up to 10,000) */
      distinct: number;
      /** @description True when there are more distinct values than counted */
      distinctCapped?: boolean;
    };
    DatasetView: {
      /** @description Stable per (owner, sha256): the same bytes uploaded again are the same dataset */
      datasetId: string;
      filename: string;
      /** @description sha256 of the whole file */
      sha256: string;
      /** @description Bytes of the CSV */
      size: number;
      /** @description Bytes the dataset holds in the object store */
      storageBytes: number;
      /** @description Data rows (the header not counted) */
      rows: number;
      columns: components['schemas']['ColumnProfileView'][];
      createdAt: string;
      /** @description The upload or job that created it */
      trackingId: string | null;
      bucket: string;
      /** @description The stored chunk objects, in order */
      objectKeys: string[];
    };
    DatasetList: {
      /** @description Jobs matching the filters */
      total: number;
      limit: number;
      offset: number;
      /** @description Offset of the next page, null on the last one */
      nextOffset: number | null;
      /** @description 1-based page number (offset / pageSize + 1) */
      page: number;
      /** @description Same as limit */
      pageSize: number;
      /** @description Newest first */
      items: components['schemas']['DatasetView'][];
    };
    DatasetPreviewView: {
      columns: string[];
      /** @description The first rows; missing cells are null */
      rows: (string | null)[][];
    };
    DatasetDetailView: {
      /** @description Stable per (owner, sha256): the same bytes uploaded again are the same dataset */
      datasetId: string;
      filename: string;
      /** @description sha256 of the whole file */
      sha256: string;
      /** @description Bytes of the CSV */
      size: number;
      /** @description Bytes the dataset holds in the object store */
      storageBytes: number;
      /** @description Data rows (the header not counted) */
      rows: number;
      columns: components['schemas']['ColumnProfileView'][];
      createdAt: string;
      /** @description The upload or job that created it */
      trackingId: string | null;
      bucket: string;
      /** @description The stored chunk objects, in order */
      objectKeys: string[];
      preview: components['schemas']['DatasetPreviewView'];
    };
    DatasetDeletedView: {
      datasetId: string;
      /** @enum {boolean} */
      deleted: true;
      /** @description Bytes removed from the object store (0 when another record still uses them) */
      freedBytes: number;
    };
    TrainDatasetDto: {
      /** @description Label column (default: the last column) */
      target?: string;
      /** @description A key of GET /api/model-specs (default: chosen from the target) */
      modelType?: string;
      /** @description Hyperparameters, e.g. {"epochs": 20} */
      params?: Record<string, unknown>;
      /** @description Registered model name (default: from the filename) */
      modelName?: string;
    };
    TrainRowsDto: {
      /** @description Label column (default: the last column) */
      target?: string;
      /** @description A key of GET /api/model-specs (default: chosen from the target) */
      modelType?: string;
      /** @description Hyperparameters, e.g. {"epochs": 20} */
      params?: Record<string, unknown>;
      /** @description Registered model name (default: from the filename) */
      modelName?: string;
      /** @description The rows: column → value */
      rows: {
        [key: string]: unknown;
      }[];
      /** @description Name shown for the dataset (default rows.csv) */
      filename?: string;
    };
    CreateSweepDto: {
      /** @description Label column (default: the last column) */
      target?: string;
      /** @description Model families (keys of GET /api/model-specs), of one problem type */
      modelTypes: string[];
      /**
       * @description Hyperparameter → values; a key applies to the families whose spec has it
       * @example {
       *       "learningRate": [
       *         0.01,
       *         0.1
       *       ]
       *     }
       */
      grid?: {
        [key: string]: unknown[];
      };
      /** @description Validation metric to rank by: accuracy, f1, precision, recall, roc_auc, log_loss, r2, rmse, mae */
      metric: string;
      /** @description Registered model name of every training (default: from the filename) */
      modelName?: string;
      /** @description When every job is final, this alias goes to the best version (e.g. champion) */
      promoteAlias?: string;
    };
    SweepCombinationView: {
      trackingId: string;
      modelType: string;
      /** @description The grid values of this training (the family defaults fill the rest) */
      params: Record<string, unknown>;
    };
    LeaderboardEntryView: {
      trackingId: string;
      modelType: string;
      /** @description The grid values of this training (the family defaults fill the rest) */
      params: Record<string, unknown>;
      /** @description 1 = best */
      rank: number;
      /** @enum {string} */
      status: 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';
      progress: number;
      /** @description The job's value of the sweep's metric */
      score: number | null;
      metrics: Record<string, unknown> | null;
      modelId: string | null;
      modelVersion: string | null;
      error: string | null;
    };
    SweepView: {
      sweepId: string;
      datasetId: string;
      modelName: string;
      target: string;
      metric: string;
      /**
       * @description max: higher is better
       * @enum {string}
       */
      direction: 'max' | 'min';
      promoteAlias: string | null;
      /**
       * @description completed once every job is final and the alias (if asked for) is given
       * @enum {string}
       */
      status: 'running' | 'completed';
      /** @description Every job of the sweep is completed, failed or cancelled */
      jobsFinal: boolean;
      /** @description The version that got promoteAlias */
      promotedVersion: string | null;
      createdAt: string;
      combinations: components['schemas']['SweepCombinationView'][];
      /** @description Best first by the metric */
      leaderboard: components['schemas']['LeaderboardEntryView'][];
    };
    BulkCancelDto: {
      /**
       * @description These jobs (at most 1000). Alone, each one is answered, unknown ones as not_found; with other selectors, only those of them the others select too.
       * @example [
       *       "0b6f7c1e-5d0a-4c5e-9a43-2f1d3c4b5a69"
       *     ]
       */
      trackingIds?: string[];
      /**
       * @description The sweep's jobs
       * @example sw-3f2a9c
       */
      sweepId?: string;
      /**
       * @description Only jobs with this status (without it: pending and running jobs)
       * @enum {string}
       */
      status?: 'pending' | 'running';
      /**
       * @description Only jobs created before this time (ISO 8601)
       * @example 2026-11-30T12:00:00Z
       */
      createdBefore?: string;
      /**
       * @description Why the jobs are cancelled (kept with each job)
       * @example wrong dataset
       */
      reason?: string;
    };
    BulkCancelResult: {
      trackingId: string;
      /**
       * @description cancelled: the cancel is published; already_final: the job had ended; not_found: no such job
       * @enum {string}
       */
      outcome: 'cancelled' | 'already_final' | 'not_found';
      /**
       * @description The job's status after the request (a running job stays running until its trainer stops it); null when not found
       * @enum {string|null}
       */
      status: 'pending' | 'running' | 'completed' | 'failed' | 'cancelled' | null;
    };
    BulkCancelAnswer: {
      /** @description One entry per selected job, oldest first (named jobs in the order given) */
      results: components['schemas']['BulkCancelResult'][];
      /**
       * @description How many jobs this request cancelled
       * @example 3
       */
      cancelled: number;
      /** @description More than 1000 jobs matched: the rest are left; send the same request again */
      truncated: boolean;
    };
    CancelTrainingDto: {
      /**
       * @description Why the job is cancelled (kept with the job)
       * @example wrong target column
       */
      reason?: string;
    };
    ModelSpecView: {
      /** @example logistic_regression */
      key: string;
      /** @enum {string} */
      problemType: 'classification' | 'regression';
      description: string;
      /** @description Default hyperparameters */
      defaults: Record<string, unknown>;
      /** @description Rule of each hyperparameter (kind, range or values) */
      rules: Record<string, unknown>;
    };
    DeadLetterOrigin: {
      /** @description The topic the message came from */
      topic: string | null;
      partition: number | null;
      offset: string | null;
    };
    DeadLetterView: {
      /** @description Partition of the dead-letter topic */
      partition: number;
      /** @description Offset in the dead-letter topic (what republish takes) */
      offset: string;
      /**
       * Format: date-time
       * @description When the letter was written
       */
      timestamp: string;
      /** @description The message key (the job's trackingId) */
      key: string | null;
      origin: components['schemas']['DeadLetterOrigin'];
      /** @description The consumer group that gave up on it */
      consumerGroup: string | null;
      /** @description Why it was dead-lettered */
      error: string | null;
      /** @description Delivery attempts before it was */
      attempts: number | null;
      /** Format: date-time */
      failedAt: string | null;
      /** @example TrainingCompleted */
      eventType: string | null;
      /** @description Every header of the message, as text */
      headers: {
        [key: string]: string;
      };
      /** @description Bytes of the original message */
      size: number;
      /**
       * Format: byte
       * @description The original message bytes, base64
       */
      value: string | null;
    };
    DeadLetterList: {
      /** @description Oldest first, at most limit */
      items: components['schemas']['DeadLetterView'][];
      /** @description Letters matching the filters */
      total: number;
    };
    LetterRefDto: {
      /**
       * @description Partition of the dead-letter topic
       * @default 0
       */
      partition: number;
      /** @description Offset of the letter in the dead-letter topic */
      offset: string;
    };
    RepublishDeadLettersBody: {
      letters: components['schemas']['LetterRefDto'][];
    };
    RepublishedTo: {
      topic: string;
      partition: number;
      offset: string;
    };
    RepublishedLetterView: {
      /** @description Partition of the dead letter */
      partition: number;
      /** @description Offset of the dead letter */
      offset: string;
      /** @description Where its copy was written */
      to: components['schemas']['RepublishedTo'];
    };
    RepublishAnswer: {
      republished: components['schemas']['RepublishedLetterView'][];
    };
    MemberTopicView: {
      /** @example modelstream.training-requests */
      topic: string;
      /** @description Partitions of the topic assigned to the member */
      partitions: number[];
    };
    ConsumerMemberView: {
      memberId: string;
      /** @description The consumer's KAFKA_CLIENT_ID */
      clientId: string;
      /**
       * @description The address the broker sees the member at
       * @example /127.0.0.1
       */
      host: string;
      /** @description Assigned partitions by topic; empty while the group rebalances */
      topics: components['schemas']['MemberTopicView'][];
    };
    PartitionLagView: {
      partition: number;
      /** @description Next offset the group will read; null if it never committed one */
      committedOffset: number | null;
      /** @description The partition's end (high watermark): the offset of the next message written */
      endOffset: number;
      /** @description Messages not yet consumed: endOffset - committedOffset (from the oldest kept message when none committed) */
      lag: number;
    };
    ConsumerTopicLagView: {
      /** @example modelstream.upload-chunks */
      topic: string;
      /** @description Sum of the partitions' lag */
      lag: number;
      partitions: components['schemas']['PartitionLagView'][];
    };
    ConsumerGroupView: {
      /**
       * @description Without the KAFKA_NAMESPACE prefix
       * @example modelstream-status-projector-v2
       */
      groupId: string;
      /**
       * @description Stable, PreparingRebalance, CompletingRebalance, Empty (no member running), Dead or Unknown
       * @example Stable
       */
      state: string;
      /** @description Sum of the topics' lag */
      lag: number;
      members: components['schemas']['ConsumerMemberView'][];
      /** @description The topics the group reads (committed to or assigned), by name */
      topics: components['schemas']['ConsumerTopicLagView'][];
    };
    ConsumerGroupsView: {
      /** @example 2025-11-30T12:00:00.000Z */
      checkedAt: string;
      /** @description Groups reading the namespace topics, by groupId */
      groups: components['schemas']['ConsumerGroupView'][];
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  WhoAmIController_me: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WhoAmIView'];
        };
      };
      /** @description No API key, a malformed Authorization header, or a key that is not valid or was revoked (AUTH=required) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The API key lacks the scope this operation needs (its `x-scope`) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
    };
  };
  AuditController_list: {
    parameters: {
      query?: {
        /** @description Only this action (key.created, key.revoked, job.cancelled, dead-letters.republished, alias.set, alias.deleted) */
        action?: string;
        /** @description Only what this owner/keyId (or cli) did */
        actor?: string;
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditPage'];
        };
      };
      /** @description A filter or paging value is invalid */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description No API key, a malformed Authorization header, or a key that is not valid or was revoked (AUTH=required) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The API key lacks the scope this operation needs (its `x-scope`) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description MariaDB is unreachable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
    };
  };
  HealthController_check: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The Health Check is successful */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * @example ok
             * @enum {string}
             */
            status?: 'ok' | 'degraded';
            /**
             * @example {
             *       "database": {
             *         "status": "up",
             *         "responseTime": 12
             *       }
             *     }
             */
            info?: {
              [key: string]: {
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
              } & {
                [key: string]: unknown;
              };
            } | null;
            /** @example {} */
            error?: {
              [key: string]: {
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
              } & {
                [key: string]: unknown;
              };
            } | null;
            /**
             * @example {
             *       "database": {
             *         "status": "up",
             *         "responseTime": 12
             *       }
             *     }
             */
            details?: {
              [key: string]: {
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
              } & {
                [key: string]: unknown;
              };
            };
          };
        };
      };
      /** @description The Health Check is not successful */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * @example error
             * @enum {string}
             */
            status?: 'error' | 'shutting_down';
            /**
             * @example {
             *       "database": {
             *         "status": "up",
             *         "responseTime": 12
             *       }
             *     }
             */
            info?: {
              [key: string]: {
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
              } & {
                [key: string]: unknown;
              };
            } | null;
            /**
             * @example {
             *       "redis": {
             *         "status": "down",
             *         "message": "Could not connect",
             *         "responseTime": 3005
             *       }
             *     }
             */
            error?: {
              [key: string]: {
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
              } & {
                [key: string]: unknown;
              };
            } | null;
            /**
             * @example {
             *       "database": {
             *         "status": "up",
             *         "responseTime": 12
             *       },
             *       "redis": {
             *         "status": "down",
             *         "message": "Could not connect",
             *         "responseTime": 3005
             *       }
             *     }
             */
            details?: {
              [key: string]: {
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
              } & {
                [key: string]: unknown;
              };
            };
          };
        };
      };
    };
  };
  UploadController_start: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'multipart/form-data': components['schemas']['UploadChunkDto'];
      };
    };
    responses: {
      /** @description The chunk is stored and its event acknowledged by Kafka (or it was a repeat) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UploadChunkAnswer'];
        };
      };
      /** @description Missing or bad fields, not a CSV, bad settings, empty or header-only file */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description No API key, a malformed Authorization header, or a key that is not valid or was revoked (AUTH=required) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The API key lacks the scope this operation needs (its `x-scope`) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description Unknown trackingId */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description Chunk out of order, same index with other bytes, or the upload is complete/aborted/cancelled */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The file is over 25 MB; the partial upload is discarded */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The key is over its rate or in-flight limit for this kind of request; wait Retry-After seconds and send again */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description Kafka, Redis or the object store is down; retry the same chunk (Retry-After) */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
    };
  };
  JobStatusController_everyJob: {
    parameters: {
      query?: {
        /** @description Only changes that leave a job in this status */
        status?: 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Events named "status" whose data is a JobStatusView, and ": keep-alive" comments */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': components['schemas']['JobStatusView'];
        };
      };
      /** @description status is not one of the job statuses */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description No API key, a malformed Authorization header, or a key that is not valid or was revoked (AUTH=required) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The API key lacks the scope this operation needs (its `x-scope`) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description Redis, which carries the job changes, is unreachable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
    };
  };
  JobStatusController_list: {
    parameters: {
      query?: {
        /** @description Only jobs with this status */
        status?: 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';
        /** @description A model registry key, e.g. logistic_regression (history only) */
        modelType?: string;
        /** @description Exact filename of the uploaded CSV (history only) */
        filename?: string;
        /** @description Only jobs trained on this dataset (GET /api/datasets; history only) */
        datasetId?: string;
        /** @description Jobs created at or after this time (ISO 8601) */
        from?: string;
        /** @description Jobs created before this time (ISO 8601) */
        to?: string;
        /** @description Jobs per page (same as pageSize) */
        limit?: number;
        /** @description Jobs to skip (or use page) */
        offset?: number;
        /** @description 1-based page of pageSize jobs (or use offset) */
        page?: number;
        /** @description Jobs per page (same as limit) */
        pageSize?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobList'];
        };
      };
      /** @description A filter or paging parameter is invalid, or they contradict each other; the message names each */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description No API key, a malformed Authorization header, or a key that is not valid or was revoked (AUTH=required) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The API key lacks the scope this operation needs (its `x-scope`) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description Redis, which holds job status, is unreachable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
    };
  };
  JobStatusController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        trackingId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobStatusView'];
        };
      };
      /** @description No API key, a malformed Authorization header, or a key that is not valid or was revoked (AUTH=required) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The API key lacks the scope this operation needs (its `x-scope`) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description No job with this trackingId (or it is another owner’s) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
    };
  };
  JobStatusController_events: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        trackingId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Events named "status" whose data is a JobStatusView */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': components['schemas']['JobStatusView'];
        };
      };
      /** @description No API key, a malformed Authorization header, or a key that is not valid or was revoked (AUTH=required) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The API key lacks the scope this operation needs (its `x-scope`) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description No job with this trackingId (or it is another owner’s) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': components['schemas']['ApiErrorBody'];
        };
      };
    };
  };
  JobHistoryController_list: {
    parameters: {
      query?: {
        /** @description Only jobs with this status */
        status?: 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';
        /** @description A model registry key, e.g. logistic_regression (history only) */
        modelType?: string;
        /** @description Exact filename of the uploaded CSV (history only) */
        filename?: string;
        /** @description Only jobs trained on this dataset (GET /api/datasets; history only) */
        datasetId?: string;
        /** @description Jobs created at or after this time (ISO 8601) */
        from?: string;
        /** @description Jobs created before this time (ISO 8601) */
        to?: string;
        /** @description Jobs per page (same as pageSize) */
        limit?: number;
        /** @description Jobs to skip (or use page) */
        offset?: number;
        /** @description 1-based page of pageSize jobs (or use offset) */
        page?: number;
        /** @description Jobs per page (same as limit) */
        pageSize?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobHistoryPage'];
        };
      };
      /** @description A filter or paging parameter is invalid, or they contradict each other (limit ≠ pageSize, offset and page, from after to) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description No API key, a malformed Authorization header, or a key that is not valid or was revoked (AUTH=required) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The API key lacks the scope this operation needs (its `x-scope`) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description MariaDB (the job history) is unreachable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
    };
  };
  JobHistoryController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        trackingId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobHistoryDetail'];
        };
      };
      /** @description No API key, a malformed Authorization header, or a key that is not valid or was revoked (AUTH=required) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The API key lacks the scope this operation needs (its `x-scope`) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description No job with this trackingId in the history (yet), or it is another owner’s */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description MariaDB (the job history) is unreachable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
    };
  };
  DatasetsController_list: {
    parameters: {
      query?: {
        /** @description Jobs per page (same as pageSize) */
        limit?: number;
        /** @description Jobs to skip (or use page) */
        offset?: number;
        /** @description 1-based page of pageSize jobs (or use offset) */
        page?: number;
        /** @description Jobs per page (same as limit) */
        pageSize?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DatasetList'];
        };
      };
      /** @description Bad paging values */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description No API key, a malformed Authorization header, or a key that is not valid or was revoked (AUTH=required) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The API key lacks the scope this operation needs (its `x-scope`) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
    };
  };
  DatasetsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        datasetId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DatasetDetailView'];
        };
      };
      /** @description No API key, a malformed Authorization header, or a key that is not valid or was revoked (AUTH=required) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The API key lacks the scope this operation needs (its `x-scope`) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description No such dataset (or it was deleted) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
    };
  };
  DatasetsController_delete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        datasetId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DatasetDeletedView'];
        };
      };
      /** @description No API key, a malformed Authorization header, or a key that is not valid or was revoked (AUTH=required) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The API key lacks the scope this operation needs (its `x-scope`) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description No such dataset */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description A pending or running job uses the dataset */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
    };
  };
  DatasetsController_train: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        datasetId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TrainDatasetDto'];
      };
    };
    responses: {
      /** @description The training is requested; follow it by the answer's trackingId */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobStatusView'];
        };
      };
      /** @description Unknown target or model type, bad hyperparameters or model name */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description No API key, a malformed Authorization header, or a key that is not valid or was revoked (AUTH=required) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The API key lacks the scope this operation needs (its `x-scope`) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description No such dataset */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The key is over its rate or in-flight limit for this kind of request; wait Retry-After seconds and send again */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
    };
  };
  DatasetsController_trainRows: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TrainRowsDto'];
      };
    };
    responses: {
      /** @description The training is requested; the answer's datasetId names the stored rows */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobStatusView'];
        };
      };
      /** @description No rows, a row that is not an object, a nested value, bad settings */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description No API key, a malformed Authorization header, or a key that is not valid or was revoked (AUTH=required) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The API key lacks the scope this operation needs (its `x-scope`) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The rows make a CSV over 25 MB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The key is over its rate or in-flight limit for this kind of request; wait Retry-After seconds and send again */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
    };
  };
  SweepsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        datasetId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateSweepDto'];
      };
    };
    responses: {
      /** @description Every training is requested; GET /api/sweeps/:sweepId follows them */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SweepView'];
        };
      };
      /** @description Unknown family or metric, a metric of another problem type, a bad grid value, too many combinations */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description No API key, a malformed Authorization header, or a key that is not valid or was revoked (AUTH=required) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The API key lacks the scope this operation needs (its `x-scope`) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description No such dataset */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The key is over its rate or in-flight limit for this kind of request; wait Retry-After seconds and send again */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
    };
  };
  SweepsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        sweepId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SweepView'];
        };
      };
      /** @description No API key, a malformed Authorization header, or a key that is not valid or was revoked (AUTH=required) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The API key lacks the scope this operation needs (its `x-scope`) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description No such sweep */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
    };
  };
  TrainingControlController_cancelMany: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['BulkCancelDto'];
      };
    };
    responses: {
      /** @description What happened to each selected job */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BulkCancelAnswer'];
        };
      };
      /** @description No selector (name trackingIds, sweepId, status or createdBefore — bulk cancel never cancels everything), or a bad field (over 1000 trackingIds, a status other than pending/running, a createdBefore that is not ISO 8601) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description No API key, a malformed Authorization header, or a key that is not valid or was revoked (AUTH=required) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The API key lacks the scope this operation needs (its `x-scope`) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description A named upload stayed busy with a chunk; send the same request again */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description Kafka, Redis or MariaDB is down; send the same request again (Retry-After) */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
    };
  };
  TrainingControlController_cancel: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        trackingId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CancelTrainingDto'];
      };
    };
    responses: {
      /** @description The cancel request is published; the status shows cancelRequestedAt */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobStatusView'];
        };
      };
      /** @description The body is not { "reason"?: a string of at most 500 characters } */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description No API key, a malformed Authorization header, or a key that is not valid or was revoked (AUTH=required) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The API key lacks the scope this operation needs (its `x-scope`) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description No job with this trackingId (or it is another owner’s) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The job is already completed, failed or cancelled */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description Kafka or Redis is down; send the same request again (Retry-After) */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
    };
  };
  ModelSpecsController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ModelSpecView'][];
        };
      };
      /** @description No API key, a malformed Authorization header, or a key that is not valid or was revoked (AUTH=required) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The API key lacks the scope this operation needs (its `x-scope`) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
    };
  };
  DeadLettersController_list: {
    parameters: {
      query?: {
        /** @description Only letters that came from this topic */
        originTopic?: string;
        /** @description Only letters dead-lettered by this consumer group */
        consumerGroup?: string;
        /** @description Only letters at or after this offset of the dead-letter topic */
        fromOffset?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DeadLetterList'];
        };
      };
      /** @description A filter is invalid (fromOffset not a number, limit out of 1-1000) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description No API key, a malformed Authorization header, or a key that is not valid or was revoked (AUTH=required) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The API key lacks the scope this operation needs (its `x-scope`) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description Kafka is unreachable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
    };
  };
  DeadLettersController_republish: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RepublishDeadLettersBody'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RepublishAnswer'];
        };
      };
      /** @description No letter named, a malformed offset, or a letter without an origin topic header */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description No API key, a malformed Authorization header, or a key that is not valid or was revoked (AUTH=required) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The API key lacks the scope this operation needs (its `x-scope`) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description A named letter is not in the dead-letter topic (none is sent then) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description Kafka is unreachable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
    };
  };
  ConsumersController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConsumerGroupsView'];
        };
      };
      /** @description No API key, a malformed Authorization header, or a key that is not valid or was revoked (AUTH=required) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The API key lacks the scope this operation needs (its `x-scope`) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description Kafka did not answer within 5 s: check that the broker is running and retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
    };
  };
}
