/**
 * The typed, validated settings of every app. Read once at boot (`loadConfig`); nothing else in the
 * code base reads process.env. A bad or missing setting stops the app with a message naming it.
 */
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsString, IsUrl, Matches, Max, Min, validateSync } from 'class-validator';
import { loadEnvFiles } from './env';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value);
const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;
const url = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV!: 'development' | 'production' | 'test';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL!: string;

  @IsString() @IsNotEmpty() INGEST_HOST!: string;
  @Transform(toInt) @IsInt() @Min(1) @Max(65535) INGEST_PORT!: number;
  @IsString() @IsNotEmpty() INFERENCE_HOST!: string;
  @Transform(toInt) @IsInt() @Min(1) @Max(65535) INFERENCE_PORT!: number;
  @IsString() @IsNotEmpty() TRAINER_HOST!: string;
  @Transform(toInt) @IsInt() @Min(1) @Max(65535) TRAINER_PORT!: number;
  /** The portal: the web app, and the one origin that forwards `/api/...` to ingest and inference. */
  @IsString() @IsNotEmpty() PORTAL_HOST!: string;
  @Transform(toInt) @IsInt() @Min(1) @Max(65535) PORTAL_PORT!: number;
  /**
   * Origins (comma-separated, e.g. `http://localhost:5173`) whose browser pages may call ingest and inference
   * directly (CORS); empty: none. The portal needs none: it forwards from its own origin.
   */
  @IsString() CORS_ORIGINS!: string;

  /**
   * `required`: every route but health, ping and the docs needs an API key (`Authorization: Bearer <key>`) with the
   * right scope, and a key reaches only its owner's jobs, datasets and models. `off`: no keys, everyone acts as the
   * one owner `legacy` with every scope — for a developer's machine only: the apps then refuse a non-loopback host.
   */
  @IsIn(['required', 'off'])
  AUTH!: 'required' | 'off';
  /**
   * A first admin key (at least 32 characters), registered by ingest at start when AUTH=required (docker-compose's
   * bootstrap); empty: none (create keys with `npm run keys -- create`).
   */
  @Matches(/^(|[\x21-\x7e]{32,256})$/, { message: 'ADMIN_API_KEY must be empty or 32–256 printable characters without spaces' })
  ADMIN_API_KEY!: string;
  /** Whether GET /metrics answers without a key when AUTH=required (Prometheus scrapers on the internal network). */
  @Transform(toBool) @IsBoolean() METRICS_PUBLIC!: boolean;
  /** Per key and app instance: upload chunks and training requests a minute… (429 with Retry-After over it) */
  @Transform(toInt) @IsInt() @Min(1) RATE_LIMIT_UPLOADS_PER_MINUTE!: number;
  /** …prediction requests a minute… */
  @Transform(toInt) @IsInt() @Min(1) RATE_LIMIT_PREDICTIONS_PER_MINUTE!: number;
  /** …and requests of either kind in progress at once. */
  @Transform(toInt) @IsInt() @Min(1) CONCURRENT_REQUESTS_PER_KEY!: number;
  /** How long a verified API key (or a refused one) is trusted before MariaDB is asked again: a revocation takes this long. */
  @Transform(toInt) @IsInt() @Min(0) AUTH_CACHE_TTL_MS!: number;

  /** Comma-separated host:port list. */
  @IsString() @IsNotEmpty() KAFKA_BROKERS!: string;
  @IsString() @IsNotEmpty() KAFKA_CLIENT_ID!: string;
  /**
   * Prefix of every topic and consumer group this process uses (empty: the names in libs/contracts). A second
   * namespace on the same broker — the test suite's — sees none of the live topics and none of their groups.
   */
  @Matches(/^[A-Za-z0-9._-]*$/, { message: 'KAFKA_NAMESPACE may hold only letters, digits, ".", "_" and "-"' })
  KAFKA_NAMESPACE!: string;
  /**
   * How long a consumer group waits for a silent member (a killed process) before it hands that member's partitions
   * to the others: a dead trainer's jobs are taken over after this long.
   */
  @Transform(toInt) @IsInt() @Min(6000) @Max(300_000) KAFKA_SESSION_TIMEOUT_MS!: number;

  @IsUrl(url) SCHEMA_REGISTRY_URL!: string;

  @IsString() @IsNotEmpty() REDIS_URL!: string;
  /** Prefix of every Redis key (libs/storage RedisKeys). */
  @IsString() @IsNotEmpty() REDIS_KEY_PREFIX!: string;

  @IsString() @IsNotEmpty() MARIADB_HOST!: string;
  @Transform(toInt) @IsInt() @Min(1) @Max(65535) MARIADB_PORT!: number;
  @IsString() @IsNotEmpty() MARIADB_USER!: string;
  @IsString() MARIADB_PASSWORD!: string;
  @IsString() @IsNotEmpty() MARIADB_DATABASE!: string;

  @IsUrl(url) S3_ENDPOINT!: string;
  @IsString() @IsNotEmpty() S3_REGION!: string;
  @IsString() @IsNotEmpty() S3_ACCESS_KEY_ID!: string;
  @IsString() @IsNotEmpty() S3_SECRET_ACCESS_KEY!: string;
  @Transform(toBool) @IsBoolean() S3_FORCE_PATH_STYLE!: boolean;
  @IsString() @IsNotEmpty() S3_BUCKET_UPLOADS!: string;
  @IsString() @IsNotEmpty() S3_BUCKET_RESULTS!: string;

  @IsUrl(url) MLFLOW_TRACKING_URI!: string;
  /** MLflow's basic-auth user and password (the names MLflow's own clients read); empty: MLflow asks for none. */
  @IsString() MLFLOW_TRACKING_USERNAME!: string;
  @IsString() MLFLOW_TRACKING_PASSWORD!: string;

  /** Consumer group of the MariaDB job-history projector (ingest app). */
  @IsString() @IsNotEmpty() HISTORY_CONSUMER_GROUP!: string;
  /** A `running` job without any event for this long is failed by the watchdog (ingest app). */
  @Transform(toInt) @IsInt() @Min(1000) WATCHDOG_STALE_AFTER_MS!: number;
  /** How often the watchdog looks for stale jobs; 0 turns it off. */
  @Transform(toInt) @IsInt() @Min(0) WATCHDOG_INTERVAL_MS!: number;
  /** Only jobs whose trackingId starts with this are watched (empty: all); lets a test or canary watch its own jobs. */
  @IsString() WATCHDOG_SCOPE_PREFIX!: string;
  /**
   * An upload still missing chunks with no chunk for this long is abandoned: its chunks are deleted and its job
   * fails (ingest app; looked for on WATCHDOG_INTERVAL_MS, within WATCHDOG_SCOPE_PREFIX). At most 7 days: an upload's
   * state in Redis lives 7 days after its last chunk, and the sweeper needs it to discard the upload.
   */
  @Transform(toInt) @IsInt() @Min(1000) @Max(7 * 24 * 3600 * 1000) UPLOAD_ABANDON_AFTER_MS!: number;
  /** How often finished sweeps are looked for to give their best version its alias; 0 turns it off (ingest app). */
  @Transform(toInt) @IsInt() @Min(0) SWEEP_PROMOTE_INTERVAL_MS!: number;

  /**
   * The memory one training job may take (MB, the resident set of its fit worker); above it the worker is stopped
   * and the job fails, saying which settings to lower (trainer app).
   */
  @Transform(toInt) @IsInt() @Min(128) TRAINER_JOB_MEMORY_MB!: number;
  /** The longest one job's fit may run (ms); past it the fit is stopped and the job fails, saying what to lower (trainer app). */
  @Transform(toInt) @IsInt() @Min(1000) TRAINER_JOB_TIMEOUT_MS!: number;

  /** How long a resolved `models:/<name>@<alias>` is trusted before the registry is asked again (inference app). */
  @Transform(toInt) @IsInt() @Min(0) INFERENCE_ALIAS_TTL_MS!: number;
  /** The loaded-model cache holds at most this many models… (inference app) */
  @Transform(toInt) @IsInt() @Min(1) INFERENCE_CACHE_MAX_MODELS!: number;
  /** …and at most this many bytes of model weights; the least recently used model is evicted first. */
  @Transform(toInt) @IsInt() @Min(1) INFERENCE_CACHE_MAX_BYTES!: number;
  /** Most rows one prediction request may carry (larger inputs go through batch prediction). */
  @Transform(toInt) @IsInt() @Min(1) INFERENCE_MAX_BATCH_ROWS!: number;

  get corsOrigins(): string[] {
    return this.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean);
  }

  get kafkaBrokers(): string[] {
    return this.KAFKA_BROKERS.split(',')
      .map((b) => b.trim())
      .filter(Boolean);
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration — fix these settings in .env (defaults in .env.example):\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Validates an env-like record into AppConfig, or throws a ConfigError naming every bad setting. */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const config = plainToInstance(AppConfig, { ...env }, { excludeExtraneousValues: false });
  const errors = validateSync(config, { whitelist: false, skipMissingProperties: false });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map((e) => `${e.property}=${JSON.stringify(env[e.property] ?? null)}: ${Object.values(e.constraints ?? {}).join('; ')}`),
    );
  }
  return config;
}

let cached: AppConfig | undefined;

/** Loads the env files and validates them, once per process. */
export function loadConfig(): AppConfig {
  if (!cached) {
    loadEnvFiles();
    cached = parseConfig(process.env);
  }
  return cached;
}
