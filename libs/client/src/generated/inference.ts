/**
 * Generated from openapi/inference.json by libs/client/scripts/generate.ts (openapi-typescript): do not edit.
 * `npm run gen:client` rewrites it; `npm run check:client` fails when it is out of date.
 */

export interface paths {
  '/api/predict': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Predict with the model a models:/ URI names */
    post: operations['PredictController_predict'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/models/{name}/versions/{version}/predict': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Predict with a version (a number or "latest") */
    post: operations['PredictController_predictByVersion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/models/{name}/aliases/{alias}/predict': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Predict with the version an alias points at */
    post: operations['PredictController_predictByAlias'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/ping': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness, as `mlflow models serve` answers it */
    get: operations['PingController_ping'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/models/{name}/versions/{version}/invocations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Score with a version (a number or "latest"); answers {"predictions": [...]} */
    post: operations['InvocationsController_byVersion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/models/{name}/aliases/{alias}/invocations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Score with the version an alias points at */
    post: operations['InvocationsController_byAlias'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/models': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Registered models with their versions and aliases, marking the loaded ones */
    get: operations['ModelsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/models/loaded': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The models in the cache, most recently used first */
    get: operations['ModelsController_loaded'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/models/{name}/versions/{version}/load': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Pre-load a version (a number or "latest") into the cache */
    post: operations['ModelsController_loadVersion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/models/{name}/aliases/{alias}/load': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Pre-load the version an alias points at */
    post: operations['ModelsController_loadAlias'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/models/{name}/versions/{version}/cache': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Evict a loaded version from the cache */
    delete: operations['ModelsController_evict'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/models/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One registered model: its versions (newest first), each with its run's metrics and params and this instance's serving figures
     * @description `GET /api/models/loaded` is the cache listing, so a model named "loaded" is reached through its versions.
     */
    get: operations['ModelDetailsController_model'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/models/{name}/versions/{version}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One version (a number or "latest"): metrics, params, serving figures, MLflow run link and input signature */
    get: operations['ModelDetailsController_version'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/models/{name}/aliases/{alias}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The version an alias points at, in detail (as GET /api/models/:name/versions/:version) */
    get: operations['ModelDetailsController_alias'];
    /** Set or move an alias to a version (in the MLflow registry); this app serves the new mapping at once */
    put: operations['AliasesController_set'];
    post?: never;
    /** Delete an alias (in the MLflow registry); requests by it answer 404 from then on */
    delete: operations['AliasesController_delete'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/predict/batch': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Start a batch prediction over a CSV; poll GET /api/predict/batch/:jobId for the download URL */
    post: operations['BatchPredictionController_start'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/predict/batch/{jobId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A batch prediction job; when completed, resultsPath (streams the results CSV) and a presigned URL of it */
    get: operations['BatchPredictionController_status'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/predict/batch/{jobId}/results': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A completed job's results CSV, streamed from the object store (the input columns, prediction, probability_<class>) */
    get: operations['BatchPredictionController_results'];
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
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
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
    PredictDto: {
      /**
       * @description Rows of column → value
       * @example [
       *       {
       *         "age": 42,
       *         "color": "red"
       *       }
       *     ]
       */
      features: string[];
      /**
       * @description models:/<name>/<version>, models:/<name>@<alias> or models:/<name>/latest
       * @example models:/churn/3
       */
      modelId: string;
    };
    ClassPrediction: {
      /**
       * @description The predicted class
       * @example yes
       */
      label: string;
      /**
       * @description Probability of each class
       * @example {
       *       "no": 0.12,
       *       "yes": 0.88
       *     }
       */
      probabilities: {
        [key: string]: number;
      };
    };
    ValuePrediction: {
      /**
       * @description The predicted value
       * @example 42.5
       */
      value: number;
    };
    PredictAnswer: {
      /** @enum {string} */
      status: 'success';
      /**
       * @description The concrete version that answered
       * @example models:/churn/3
       */
      modelId: string;
      /**
       * @description What the request asked for (a version, an alias or latest)
       * @example models:/churn@champion
       */
      requested: string;
      /** @example churn */
      name: string;
      /** @example 3 */
      version: string;
      /** @example logistic_regression */
      modelType: string;
      /** @enum {string} */
      problemType: 'classification' | 'regression';
      /**
       * @description The column the model predicts
       * @example churned
       */
      target: string;
      /** @description Classifiers only: the classes, in the order of their probabilities */
      classes?: string[];
      /** @description One per input row, in order: a label with probabilities (classifiers) or a value (regressors) */
      predictions: (components['schemas']['ClassPrediction'] | components['schemas']['ValuePrediction'])[];
    };
    PredictByVersionDto: {
      /**
       * @description Rows of column → value
       * @example [
       *       {
       *         "age": 42,
       *         "color": "red"
       *       }
       *     ]
       */
      features: string[];
    };
    ScoringAnswer: {
      /**
       * @description One per input row: the label (classifiers) or the value (regressors)
       * @example [
       *       "yes",
       *       "no"
       *     ]
       */
      predictions: (string | number)[];
    };
    ModelVersionInfo: {
      /** @description In the cache of this instance now */
      loaded: boolean;
      /** @description Weight bytes it holds */
      bytes?: number;
      /** Format: date-time */
      loadedAt?: string;
      /** Format: date-time */
      lastUsedAt?: string;
      /** @description How long the load took (ms) */
      loadMs?: number;
      /** @description Requests served from the cache since the load */
      hits?: number;
      /** @description Loads since this instance started */
      loadCount: number;
      /** @example 3 */
      version: string;
      /** @example models:/churn/3 */
      modelId: string;
      /** @enum {string} */
      status: 'READY' | 'PENDING_REGISTRATION' | 'FAILED_REGISTRATION';
      /** @description The MLflow run that produced it */
      runId?: string;
      /**
       * @description Aliases pointing at this version
       * @example [
       *       "champion"
       *     ]
       */
      aliases: string[];
      /** Format: date-time */
      createdAt?: string;
    };
    RegisteredModelInfo: {
      /** @example churn */
      name: string;
      description?: string;
      /**
       * @description alias → version
       * @example {
       *       "champion": "3"
       *     }
       */
      aliases: {
        [key: string]: string;
      };
      /**
       * @description The highest READY version
       * @example 3
       */
      latestVersion?: string;
      /** @description Newest first */
      versions: components['schemas']['ModelVersionInfo'][];
    };
    ModelCacheInfo: {
      /** @description Models in the cache */
      models: number;
      /** @description Weight bytes in the cache */
      bytes: number;
      /** @description INFERENCE_CACHE_MAX_MODELS */
      maxModels: number;
      /** @description INFERENCE_CACHE_MAX_BYTES */
      maxBytes: number;
    };
    ModelList: {
      /** @description By name */
      models: components['schemas']['RegisteredModelInfo'][];
      cache: components['schemas']['ModelCacheInfo'];
    };
    CachedModelInfo: {
      /** @description In the cache of this instance now */
      loaded: boolean;
      /** @description Weight bytes it holds */
      bytes?: number;
      /** Format: date-time */
      loadedAt?: string;
      /** Format: date-time */
      lastUsedAt?: string;
      /** @description How long the load took (ms) */
      loadMs?: number;
      /** @description Requests served from the cache since the load */
      hits?: number;
      /** @description Loads since this instance started */
      loadCount: number;
      /** @example models:/churn/3 */
      modelId: string;
    };
    LoadedModelList: {
      /** @description Most recently used first */
      models: components['schemas']['CachedModelInfo'][];
    };
    PreloadAnswer: {
      /** @description In the cache of this instance now */
      loaded: boolean;
      /** @description Weight bytes it holds */
      bytes?: number;
      /** Format: date-time */
      loadedAt?: string;
      /** Format: date-time */
      lastUsedAt?: string;
      /** @description How long the load took (ms) */
      loadMs?: number;
      /** @description Requests served from the cache since the load */
      hits?: number;
      /** @description Loads since this instance started */
      loadCount: number;
      /** @example 3 */
      version: string;
      /** @example models:/churn/3 */
      modelId: string;
      /** @enum {string} */
      status: 'READY' | 'PENDING_REGISTRATION' | 'FAILED_REGISTRATION';
      /** @description The MLflow run that produced it */
      runId?: string;
      /**
       * @description Aliases pointing at this version
       * @example [
       *       "champion"
       *     ]
       */
      aliases: string[];
      /** Format: date-time */
      createdAt?: string;
      /** @example churn */
      name: string;
      /** @description Was in the cache already (nothing was loaded) */
      alreadyLoaded: boolean;
    };
    EvictAnswer: {
      /** @example models:/churn/3 */
      modelId: string;
      /** @enum {boolean} */
      evicted: true;
    };
    ServingInfo: {
      /** @description Prediction requests this instance answered for the version (predict, invocations, batch submissions) */
      requests: number;
      /** @description Of those, the ones answered with an error (≥ 400, e.g. rows that do not match the signature) */
      errors: number;
      /**
       * @description Median latency (ms) over the last 10 minutes; absent when none fell in them
       * @example 4.2
       */
      p50Ms?: number;
      /**
       * @description 99th percentile latency (ms) over the last 10 minutes
       * @example 18.7
       */
      p99Ms?: number;
    };
    ModelVersionSummary: {
      /** @description In the cache of this instance now */
      loaded: boolean;
      /** @description Weight bytes it holds */
      bytes?: number;
      /** Format: date-time */
      loadedAt?: string;
      /** Format: date-time */
      lastUsedAt?: string;
      /** @description How long the load took (ms) */
      loadMs?: number;
      /** @description Requests served from the cache since the load */
      hits?: number;
      /** @description Loads since this instance started */
      loadCount: number;
      /** @example 3 */
      version: string;
      /** @example models:/churn/3 */
      modelId: string;
      /** @enum {string} */
      status: 'READY' | 'PENDING_REGISTRATION' | 'FAILED_REGISTRATION';
      /** @description The MLflow run that produced it */
      runId?: string;
      /**
       * @description Aliases pointing at this version
       * @example [
       *       "champion"
       *     ]
       */
      aliases: string[];
      /** Format: date-time */
      createdAt?: string;
      /**
       * @description The run's metrics: each key's last logged value (the final evaluation, and the last epoch's loss)
       * @example {
       *       "accuracy": 0.91,
       *       "f1": 0.9,
       *       "val_loss": 0.27
       *     }
       */
      metrics: {
        [key: string]: number;
      };
      /**
       * @description The run's params: the effective hyperparameters and what the data turned out to be (as MLflow keeps them: strings)
       * @example {
       *       "epochs": "20",
       *       "learningRate": "0.01",
       *       "target": "churned",
       *       "rows_train": "800"
       *     }
       */
      params: {
        [key: string]: string;
      };
      /**
       * @description The model family it was trained with
       * @example logistic_regression
       */
      modelType?: string;
      /** @description What this inference instance served with it since it started */
      serving: components['schemas']['ServingInfo'];
    };
    RegisteredModelDetail: {
      /** @example churn */
      name: string;
      description?: string;
      /**
       * @description alias → version
       * @example {
       *       "champion": "3"
       *     }
       */
      aliases: {
        [key: string]: string;
      };
      /**
       * @description The highest READY version
       * @example 3
       */
      latestVersion?: string;
      /** @description Newest first */
      versions: components['schemas']['ModelVersionSummary'][];
    };
    SignatureInputInfo: {
      /** @example plan */
      name: string;
      /** @enum {string} */
      kind: 'numeric' | 'categorical';
      /**
       * @description Categorical inputs: the levels seen in training; another value is taken as none of them
       * @example [
       *       "basic",
       *       "premium"
       *     ]
       */
      levels?: string[];
      /** @description Training saw this column blank: a blank (null or "") is imputed as in training. True when the profile is unknown */
      nullable: boolean;
      /** @description Blank cells of the column in the training CSV, when known */
      missing?: number;
    };
    SignatureOutputInfo: {
      /**
       * @description The target column
       * @example churned
       */
      name: string;
      /**
       * @description categorical for classifiers, numeric for regressors
       * @enum {string}
       */
      kind: 'numeric' | 'categorical';
      /**
       * @description Classifiers: the classes, in probability order
       * @example [
       *       "no",
       *       "yes"
       *     ]
       */
      labels?: string[];
    };
    IgnoredColumnInfo: {
      /** @example customer_id */
      name: string;
      /** @example identifier: every value is distinct */
      reason: string;
    };
    ModelSignatureInfo: {
      /** @description The columns a row must carry, in model order */
      inputs: components['schemas']['SignatureInputInfo'][];
      output: components['schemas']['SignatureOutputInfo'];
      /** @description Columns training left out: a row may carry them, they are not used */
      ignored: components['schemas']['IgnoredColumnInfo'][];
    };
    ModelVersionDetail: {
      /** @description In the cache of this instance now */
      loaded: boolean;
      /** @description Weight bytes it holds */
      bytes?: number;
      /** Format: date-time */
      loadedAt?: string;
      /** Format: date-time */
      lastUsedAt?: string;
      /** @description How long the load took (ms) */
      loadMs?: number;
      /** @description Requests served from the cache since the load */
      hits?: number;
      /** @description Loads since this instance started */
      loadCount: number;
      /** @example 3 */
      version: string;
      /** @example models:/churn/3 */
      modelId: string;
      /** @enum {string} */
      status: 'READY' | 'PENDING_REGISTRATION' | 'FAILED_REGISTRATION';
      /** @description The MLflow run that produced it */
      runId?: string;
      /**
       * @description Aliases pointing at this version
       * @example [
       *       "champion"
       *     ]
       */
      aliases: string[];
      /** Format: date-time */
      createdAt?: string;
      /**
       * @description The run's metrics: each key's last logged value (the final evaluation, and the last epoch's loss)
       * @example {
       *       "accuracy": 0.91,
       *       "f1": 0.9,
       *       "val_loss": 0.27
       *     }
       */
      metrics: {
        [key: string]: number;
      };
      /**
       * @description The run's params: the effective hyperparameters and what the data turned out to be (as MLflow keeps them: strings)
       * @example {
       *       "epochs": "20",
       *       "learningRate": "0.01",
       *       "target": "churned",
       *       "rows_train": "800"
       *     }
       */
      params: {
        [key: string]: string;
      };
      /**
       * @description The model family it was trained with
       * @example logistic_regression
       */
      modelType?: string;
      /** @description What this inference instance served with it since it started */
      serving: components['schemas']['ServingInfo'];
      /** @example churn */
      name: string;
      /**
       * @description What the request asked for (a version, an alias or latest)
       * @example models:/churn@champion
       */
      requested: string;
      /** @enum {string} */
      problemType: 'classification' | 'regression';
      /**
       * @description The column the model predicts
       * @example churned
       */
      target: string;
      /**
       * @description The MLflow UI page of the run that produced it
       * @example http://127.0.0.1:5000/#/experiments/1/runs/0f3c…
       */
      runUrl?: string;
      /** @description The training job that produced it (GET /api/model-train/jobs/:trackingId) */
      trackingId?: string;
      signature: components['schemas']['ModelSignatureInfo'];
    };
    SetAliasDto: {
      /**
       * @description The registered version the alias points at (a number, as a string)
       * @example 3
       */
      version: string;
    };
    AliasView: {
      /** @example churn */
      name: string;
      /** @example champion */
      alias: string;
      /**
       * @description The version the alias now points at
       * @example 3
       */
      version: string;
    };
    AliasDeletedView: {
      /** @example churn */
      name: string;
      /** @example champion */
      alias: string;
      /**
       * @example true
       * @enum {boolean}
       */
      deleted: true;
    };
    ObjectLocation: {
      bucket: string;
      key: string;
    };
    UploadedFileSource: {
      /** @description The name of the uploaded file */
      upload: string;
    };
    DatasetFileSource: {
      /**
       * @description The dataset the CSV is
       * @example ds-0123456789abcdef01234567
       */
      datasetId: string;
    };
    BatchJobAnswer: {
      /** Format: uuid */
      jobId: string;
      /** @enum {string} */
      status: 'pending' | 'running' | 'completed' | 'failed';
      /**
       * @description The model the request named
       * @example models:/churn@champion
       */
      requested: string;
      /**
       * @description The concrete version the job uses
       * @example models:/churn/3
       */
      modelId?: string;
      /** @description Where the CSV came from: one of your datasets, an uploaded file (or, for jobs from before datasets, an object) */
      source:
        components['schemas']['DatasetFileSource'] | components['schemas']['UploadedFileSource'] | components['schemas']['ObjectLocation'];
      /** @description Data rows of the CSV */
      rows?: number;
      /** @description Rows predicted so far */
      processedRows: number;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      /** Format: date-time */
      finishedAt?: string;
      /** @description When completed: the results CSV */
      result?: components['schemas']['ObjectLocation'];
      /** @description When failed: why */
      error?: string;
      /** @description When completed: a presigned URL of the results CSV */
      downloadUrl?: string;
      /**
       * Format: date-time
       * @description When the download URL stops working
       */
      downloadUrlExpiresAt?: string;
      /**
       * @description When completed: the path (on this app, or the portal) that streams the results CSV; works wherever the app is reachable
       * @example /api/predict/batch/0b6f0f5e-2d0a-4c8e-9a55-6d1f3e9a7c21/results
       */
      resultsPath?: string;
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
  PredictController_predict: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PredictDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PredictAnswer'];
        };
      };
      /** @description A malformed model reference or request, or rows that do not match the model signature (the message names each problem) */
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
      /** @description No such registered model, version or alias */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The version is not READY yet */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The version has artifacts that are not a modelstream model */
      422: {
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
      /** @description The MLflow registry or the object store is unreachable; retry after Retry-After seconds */
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
  PredictController_predictByVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
        version: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PredictByVersionDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PredictAnswer'];
        };
      };
      /** @description A malformed model reference or request, or rows that do not match the model signature (the message names each problem) */
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
      /** @description No such registered model, version or alias */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The version is not READY yet */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The version has artifacts that are not a modelstream model */
      422: {
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
      /** @description The MLflow registry or the object store is unreachable; retry after Retry-After seconds */
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
  PredictController_predictByAlias: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
        alias: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PredictByVersionDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PredictAnswer'];
        };
      };
      /** @description A malformed model reference or request, or rows that do not match the model signature (the message names each problem) */
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
      /** @description No such registered model, version or alias */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The version is not READY yet */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The version has artifacts that are not a modelstream model */
      422: {
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
      /** @description The MLflow registry or the object store is unreachable; retry after Retry-After seconds */
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
  PingController_ping: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A newline (the body `mlflow models serve` answers) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': string;
        };
      };
    };
  };
  InvocationsController_byVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
        version: string;
      };
      cookie?: never;
    };
    /** @description One of dataframe_split, dataframe_records, instances, inputs (JSON), or a CSV with a header row */
    requestBody: {
      content: {
        'application/json': Record<string, unknown>;
        'text/csv': Record<string, unknown>;
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ScoringAnswer'];
        };
      };
      /** @description A malformed model reference or request, or rows that do not match the model signature (the message names each problem) */
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
      /** @description No such registered model, version or alias */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The version is not READY yet */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The version has artifacts that are not a modelstream model */
      422: {
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
      /** @description The MLflow registry or the object store is unreachable; retry after Retry-After seconds */
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
  InvocationsController_byAlias: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
        alias: string;
      };
      cookie?: never;
    };
    /** @description One of dataframe_split, dataframe_records, instances, inputs (JSON), or a CSV with a header row */
    requestBody: {
      content: {
        'application/json': Record<string, unknown>;
        'text/csv': Record<string, unknown>;
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ScoringAnswer'];
        };
      };
      /** @description A malformed model reference or request, or rows that do not match the model signature (the message names each problem) */
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
      /** @description No such registered model, version or alias */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The version is not READY yet */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The version has artifacts that are not a modelstream model */
      422: {
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
      /** @description The MLflow registry or the object store is unreachable; retry after Retry-After seconds */
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
  ModelsController_list: {
    parameters: {
      query?: {
        /** @description Only models whose name contains this */
        name?: string;
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
          'application/json': components['schemas']['ModelList'];
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
      /** @description The MLflow registry or the object store is unreachable; retry after Retry-After seconds */
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
  ModelsController_loaded: {
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
          'application/json': components['schemas']['LoadedModelList'];
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
  ModelsController_loadVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
        version: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PreloadAnswer'];
        };
      };
      /** @description A malformed model reference or request, or rows that do not match the model signature (the message names each problem) */
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
      /** @description No such registered model, version or alias */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The version is not READY yet */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The version has artifacts that are not a modelstream model */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The MLflow registry or the object store is unreachable; retry after Retry-After seconds */
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
  ModelsController_loadAlias: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
        alias: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PreloadAnswer'];
        };
      };
      /** @description A malformed model reference or request, or rows that do not match the model signature (the message names each problem) */
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
      /** @description No such registered model, version or alias */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The version is not READY yet */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The version has artifacts that are not a modelstream model */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The MLflow registry or the object store is unreachable; retry after Retry-After seconds */
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
  ModelsController_evict: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
        version: string;
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
          'application/json': components['schemas']['EvictAnswer'];
        };
      };
      /** @description The name or version is malformed */
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
      /** @description No such registered model or version, or the version is not loaded */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The version is not READY yet */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The MLflow registry or the object store is unreachable; retry after Retry-After seconds */
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
  ModelDetailsController_model: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Registered model name */
        name: string;
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
          'application/json': components['schemas']['RegisteredModelDetail'];
        };
      };
      /** @description The name is malformed */
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
      /** @description No registered model has this name */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The MLflow registry or the object store is unreachable; retry after Retry-After seconds */
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
  ModelDetailsController_version: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Registered model name */
        name: string;
        version: string;
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
          'application/json': components['schemas']['ModelVersionDetail'];
        };
      };
      /** @description The name, version or alias is malformed */
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
      /** @description No such registered model, version or alias, or the version has no modelstream artifacts */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The version is not READY yet */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The version has artifacts that are not a modelstream model (its signature cannot be read) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The MLflow registry or the object store is unreachable; retry after Retry-After seconds */
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
  ModelDetailsController_alias: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Registered model name */
        name: string;
        alias: string;
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
          'application/json': components['schemas']['ModelVersionDetail'];
        };
      };
      /** @description The name, version or alias is malformed */
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
      /** @description No such registered model, version or alias, or the version has no modelstream artifacts */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The version is not READY yet */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The version has artifacts that are not a modelstream model (its signature cannot be read) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The MLflow registry or the object store is unreachable; retry after Retry-After seconds */
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
  AliasesController_set: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Registered model name */
        name: string;
        /** @description Alias name: letters, digits, "_" and "-"; not "latest" nor version-like ("3", "v3") */
        alias: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SetAliasDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AliasView'];
        };
      };
      /** @description The alias name is not allowed (characters, "latest", version-like) or version is not a number */
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
      /** @description No such registered model, or it has no such version */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The version failed to register and can never be served */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The MLflow registry is unreachable; retry after Retry-After seconds */
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
  AliasesController_delete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Registered model name */
        name: string;
        /** @description Alias name: letters, digits, "_" and "-"; not "latest" nor version-like ("3", "v3") */
        alias: string;
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
          'application/json': components['schemas']['AliasDeletedView'];
        };
      };
      /** @description The alias name is not allowed */
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
      /** @description No such registered model, or it has no such alias */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The MLflow registry is unreachable; retry after Retry-After seconds */
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
  BatchPredictionController_start: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'multipart/form-data': {
          modelId: string;
          /** Format: binary */
          file?: string;
          datasetId?: string;
        };
        'application/json': {
          modelId: string;
          /** Format: binary */
          file?: string;
          datasetId?: string;
        };
      };
    };
    responses: {
      /** @description The job, accepted (pending): the model is resolved and loaded, the CSV header checked */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BatchJobAnswer'];
        };
      };
      /** @description No CSV (or both a file and a datasetId), a CSV that cannot be parsed or lacks columns the model takes, a malformed modelId or datasetId */
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
      /** @description No such registered model, version or alias (or it is another owner’s), or no such dataset of yours */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The version is not READY yet */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The uploaded file is over 26214400 bytes */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The version has artifacts that are not a modelstream model */
      422: {
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
      /** @description The MLflow registry or the object store is unreachable; retry after Retry-After seconds */
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
  BatchPredictionController_status: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        jobId: string;
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
          'application/json': components['schemas']['BatchJobAnswer'];
        };
      };
      /** @description jobId is not a UUID */
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
      /** @description No batch prediction job with this id */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The object store is unreachable; retry after Retry-After seconds */
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
  BatchPredictionController_results: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        jobId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The results CSV, as an attachment (predictions-<jobId>.csv) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': string;
        };
      };
      /** @description jobId is not a UUID */
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
      /** @description No batch prediction job with this id, or its results are gone from the object store */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The job is not completed: pending or running (poll GET /api/predict/batch/:jobId until "completed"), or failed */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiErrorBody'];
        };
      };
      /** @description The object store is unreachable; retry after Retry-After seconds */
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
}
