/**
 * Generated from openapi/ingest.json by libs/client/scripts/generate.ts (openapi-typescript): do not edit.
 * `npm run gen:client` rewrites it; `npm run check:client` fails when it is out of date.
 */

export interface paths {
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
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
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
      /** @description uploading, queued, loading, preprocessing, training, evaluating, registering, done */
      stage: string | null;
      filename?: string;
      modelName?: string;
      modelType?: string;
      problemType?: string;
      target?: string;
      modelVersion?: string;
      mlflowRunId?: string;
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
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
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
        content?: never;
      };
      /** @description Unknown trackingId */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Chunk out of order, same index with other bytes, or the upload is complete/aborted/cancelled */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The file is over 25 MB; the partial upload is discarded */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Kafka, Redis or the object store is down; retry the same chunk (Retry-After) */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
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
      /** @description No job with this trackingId */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
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
      /** @description No job with this trackingId */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
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
      /** @description No job with this trackingId */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The job is already completed, failed or cancelled */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
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
        content?: never;
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
        content?: never;
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
        content?: never;
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
        content?: never;
      };
    };
  };
}
