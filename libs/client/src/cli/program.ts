/**
 * The `modelstream` command line: every command is a call of the SDK. Human output by default, `--json` for
 * scripts (one JSON document on stdout, no progress). Exit codes: see EXIT_CODES.
 */
import { readFile } from 'node:fs/promises';
import { Command, CommanderError, Option } from 'commander';
import { ModelstreamClient, type ModelstreamClientOptions } from '../client';
import { csvRecords, toCsv } from '../csv';
import { ModelstreamError } from '../errors';
import type { JobStatus, LeaderboardEntry, PredictResult, Sweep } from '../types';
import { bar, bytes, cell, metricsLine, ProgressLine, type Stream, table } from './output';

export const EXIT_CODES = {
  ok: 0,
  /** The job (or a job of the sweep) failed or was cancelled. */
  jobFailed: 1,
  /** Wrong command line: unknown command or option, missing argument, bad JSON. */
  usage: 2,
  /** The API refused the request (4xx): bad input, unknown id, conflict, no access. */
  apiError: 3,
  /** The service is unavailable: no answer, 503, or another 5xx. */
  unavailable: 4,
} as const;

const EXIT_HELP = `
Exit codes:
  0  ok
  1  the job failed or was cancelled (train/datasets train/sweep --watch, status)
  2  usage error (unknown command or option, missing argument, bad JSON)
  3  the API refused the request (4xx: bad input, unknown id, conflict, no access)
  4  the service is unavailable (no answer, 503 or another 5xx)

Environment:
  MODELSTREAM_URL            ingest API or the portal (default http://127.0.0.1:3000)
  MODELSTREAM_INFERENCE_URL  inference API (default: port 3001 of MODELSTREAM_URL's host when that is on
                             port 3000, else MODELSTREAM_URL itself, e.g. the portal)
  MODELSTREAM_API_KEY        sent as "Authorization: Bearer <key>"
`;

export class UsageError extends Error {}

export interface CliIo {
  stdout: Stream;
  stderr: Stream;
  env?: Record<string, string | undefined>;
  /** Replaceable for tests. */
  client?: (options: ModelstreamClientOptions) => ModelstreamClient;
}

interface GlobalOptions {
  url?: string;
  inferenceUrl?: string;
  apiKey?: string;
  json?: boolean;
}

/** Runs the CLI with `argv` (without node and the script); resolves to the exit code. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const ctx = new Context(io);
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    return ctx.fail(error);
  }
}

class Context {
  exitCode: number = EXIT_CODES.ok;
  globals: GlobalOptions = {};

  constructor(readonly io: CliIo) {}

  get json(): boolean {
    return !!this.globals.json;
  }

  client(): ModelstreamClient {
    const env = this.io.env ?? process.env;
    const options: ModelstreamClientOptions = {
      url: this.globals.url ?? env.MODELSTREAM_URL,
      inferenceUrl: this.globals.inferenceUrl ?? env.MODELSTREAM_INFERENCE_URL,
      apiKey: this.globals.apiKey ?? env.MODELSTREAM_API_KEY,
    };
    return this.io.client ? this.io.client(options) : new ModelstreamClient(options);
  }

  out(text: string): void {
    this.io.stdout.write(text);
  }

  /** The result: JSON with --json, else the human text. */
  result(value: unknown, human: () => string): void {
    this.out(this.json ? `${JSON.stringify(value, null, 2)}\n` : human());
  }

  progress(): ProgressLine | null {
    return this.json ? null : new ProgressLine(this.io.stderr);
  }

  fail(error: unknown): number {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return EXIT_CODES.usage; // commander has printed the message
    }
    if (error instanceof UsageError) {
      this.io.stderr.write(`error: ${error.message}\n`);
      return EXIT_CODES.usage;
    }
    if (error instanceof ModelstreamError) {
      const code = exitCodeOf(error);
      this.io.stderr.write(
        `error: ${error.message}${error.status ? ` (HTTP ${error.status}${error.code ? ` ${error.code}` : ''})` : ''}\n`,
      );
      if (this.json) this.out(`${JSON.stringify({ error: { status: error.status, code: error.code, message: error.message } })}\n`);
      return code;
    }
    this.io.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_CODES.usage;
  }
}

/** The exit code of an API error: 3 for a 4xx, 4 for no answer or a 5xx. */
export function exitCodeOf(error: ModelstreamError): number {
  return error.status >= 400 && error.status < 500 ? EXIT_CODES.apiError : EXIT_CODES.unavailable;
}

function parseJson<T>(name: string, text: string | undefined): T | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new UsageError(`${name} must be JSON, e.g. '{"epochs": 5}': ${(error as Error).message}`);
  }
}

function parseObject(name: string, text: string | undefined): Record<string, unknown> | undefined {
  const value = parseJson<unknown>(name, text);
  if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    throw new UsageError(`${name} must be a JSON object, e.g. '{"epochs": 5}'`);
  }
  return value as Record<string, unknown> | undefined;
}

const positiveInt = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a whole number ≥ 1, got ${value}`);
  return n;
};

interface TrainFlags {
  target?: string;
  model?: string;
  params?: string;
  name?: string;
}

function settingsOf(flags: TrainFlags) {
  return { target: flags.target, modelType: flags.model, params: parseObject('--params', flags.params), modelName: flags.name };
}

function addTrainFlags(cmd: Command): Command {
  return cmd
    .option('--target <column>', 'the label column (default: the last column)')
    .option('--model <type>', 'model family, a key of GET /api/model-specs (e.g. mlp_classifier)')
    .option('--params <json>', 'hyperparameters as a JSON object, e.g. \'{"epochs": 20}\'')
    .option('--name <modelName>', 'registered model name (default: from the filename)');
}

function buildProgram(ctx: Context): Command {
  const program = new Command('modelstream')
    .description('Upload, train, watch, cancel and serve models on a modelstream platform.')
    .version('0.1.0')
    .option('--url <url>', 'ingest API or portal (env MODELSTREAM_URL, default http://127.0.0.1:3000)')
    .option('--inference-url <url>', 'inference API (env MODELSTREAM_INFERENCE_URL)')
    .option('--api-key <key>', 'API key (env MODELSTREAM_API_KEY)')
    .option('--json', 'print one JSON document for scripts (no progress output)')
    .addHelpText('after', EXIT_HELP)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.io.stdout.write(s), writeErr: (s) => ctx.io.stderr.write(s) })
    .hook('preAction', (cmd) => {
      ctx.globals = cmd.optsWithGlobals<GlobalOptions>();
    });
  const sub = (name: string) => program.command(name).exitOverride();

  addTrainFlags(sub('train <file>').description('upload a CSV in chunks and train it (or only store it with --no-train)'))
    .option('--no-train', 'store the file as a dataset without training it')
    .option('--chunk-size <bytes>', 'bytes per chunk (default 1 MiB)', positiveInt('--chunk-size'))
    .option('--resume <trackingId>', 'continue an interrupted upload (same file, same --chunk-size)')
    .option('--watch', 'follow the job to its end: upload and epoch progress, then metrics and modelId')
    .action(async (file: string, flags: TrainFlags & { train: boolean; chunkSize?: number; resume?: string; watch?: boolean }) => {
      const client = ctx.client();
      const progress = ctx.progress();
      const settings = settingsOf(flags);
      const upload = await client.upload(file, {
        ...settings,
        train: flags.train,
        chunkSize: flags.chunkSize,
        resume: flags.resume,
        onProgress: (p) =>
          progress?.update(
            `upload   ${bar(p.sentBytes / Math.max(1, p.totalBytes))}  chunk ${p.chunkIndex + 1}/${p.totalChunks}  ${p.trackingId}`,
          ),
        onRetry: (error, index, attempt, delayMs) => {
          if (!ctx.json) ctx.io.stderr.write(`\nchunk ${index}: ${error.message}; retry ${attempt} in ${delayMs} ms\n`);
        },
      });
      progress?.done();
      if (!flags.watch) {
        const summary = {
          trackingId: upload.trackingId,
          datasetId: upload.datasetId ?? null,
          status: upload.answer.status,
          totalChunks: upload.totalChunks,
        };
        ctx.result(summary, () => table(['trackingId', 'status', 'datasetId'], [[summary.trackingId, summary.status, summary.datasetId]]));
        return;
      }
      await watchJob(ctx, client, upload.trackingId);
    });

  const datasets = program.command('datasets').description('stored datasets: list (default), show ID, delete ID, train ID').exitOverride();
  datasets
    .command('list', { isDefault: true })
    .description('datasets, newest first')
    .option('--limit <n>', 'how many', positiveInt('--limit'), 50)
    .option('--offset <n>', 'skip this many', (v) => Number(v), 0)
    .exitOverride()
    .action(async (flags: { limit: number; offset: number }) => {
      const page = await ctx.client().listDatasets({ limit: flags.limit, offset: flags.offset });
      ctx.result(
        page,
        () =>
          table(
            ['datasetId', 'filename', 'rows', 'size', 'createdAt'],
            page.items.map((d) => [d.datasetId, d.filename, d.rows, bytes(d.size), d.createdAt]),
          ) + `${page.items.length} of ${page.total}\n`,
      );
    });
  datasets
    .command('show <datasetId>')
    .description('a dataset: columns and the first rows')
    .exitOverride()
    .action(async (id: string) => {
      const d = await ctx.client().getDataset(id);
      ctx.result(d, () => {
        let text = table(
          ['field', 'value'],
          [
            ['datasetId', d.datasetId],
            ['filename', d.filename],
            ['rows', d.rows],
            ['size', bytes(d.size)],
            ['sha256', d.sha256],
            ['createdAt', d.createdAt],
            ['trackingId', d.trackingId],
          ],
        );
        text += `\n${table(
          ['column', 'type', 'missing', 'distinct'],
          d.columns.map((c) => [c.name, c.type, c.missing, c.distinct]),
        )}`;
        if (d.preview) text += `\n${table(d.preview.columns, d.preview.rows)}`;
        return text;
      });
    });
  datasets
    .command('delete <datasetId>')
    .description('delete a dataset and free its bytes (refused while a job of it runs)')
    .exitOverride()
    .action(async (id: string) => {
      const r = await ctx.client().deleteDataset(id);
      ctx.result(r, () => `deleted ${r.datasetId} (${bytes(r.freedBytes)} freed)\n`);
    });
  addTrainFlags(datasets.command('train <datasetId>').description('train a stored dataset again (no upload)').exitOverride())
    .option('--watch', 'follow the job to its end')
    .action(async (id: string, flags: TrainFlags & { watch?: boolean }) => {
      const client = ctx.client();
      const job = await client.trainDataset(id, settingsOf(flags));
      if (!flags.watch) {
        ctx.result(job, () => table(['trackingId', 'status', 'datasetId'], [[job.trackingId, job.status, job.datasetId]]));
        return;
      }
      await watchJob(ctx, client, job.trackingId);
    });

  sub('jobs')
    .description('jobs with their status, newest first')
    .addOption(
      new Option('--status <status>', 'only jobs in this status').choices(['pending', 'running', 'completed', 'failed', 'cancelled']),
    )
    .option('--limit <n>', 'how many', positiveInt('--limit'), 20)
    .option('--offset <n>', 'skip this many', (v) => Number(v), 0)
    .action(async (flags: { status?: 'pending'; limit: number; offset: number }) => {
      const list = await ctx.client().listJobs({ status: flags.status, limit: flags.limit, offset: flags.offset });
      ctx.result(
        list,
        () =>
          table(
            ['trackingId', 'status', 'createdAt'],
            list.items.map((j) => [j.trackingId, j.status, j.createdAt]),
          ) + `${list.items.length} of ${list.total}\n`,
      );
    });

  sub('status <trackingId>')
    .description("a job's status (exit 1 when it failed or was cancelled)")
    .option('--watch', 'follow it to its end')
    .action(async (id: string, flags: { watch?: boolean }) => {
      const client = ctx.client();
      if (flags.watch) return watchJob(ctx, client, id);
      const status = await client.getStatus(id);
      ctx.result(status, () => statusText(status));
      if (status.status === 'failed' || status.status === 'cancelled') ctx.exitCode = EXIT_CODES.jobFailed;
    });

  sub('cancel [trackingIds...]')
    .description('cancel jobs: one or more trackingIds, or every job of a sweep')
    .option('--sweep <sweepId>', 'cancel every job of this sweep')
    .option('--reason <text>', 'why (kept with a single job)')
    .action(async (ids: string[], flags: { sweep?: string; reason?: string }) => {
      if (ids.length === 0 && !flags.sweep) throw new UsageError('cancel needs trackingIds or --sweep <sweepId>');
      const client = ctx.client();
      if (ids.length === 1 && !flags.sweep) {
        const status = await client.cancel(ids[0], flags.reason);
        ctx.result(status, () => `cancel requested for ${status.trackingId} (status ${status.status})\n`);
        return;
      }
      const r = await client.cancelMany(
        flags.sweep ? { sweepId: flags.sweep, ...(ids.length ? { trackingIds: ids } : {}) } : { trackingIds: ids },
      );
      ctx.result(
        r,
        () =>
          table(
            ['trackingId', 'outcome', 'status'],
            r.results.map((x) => [x.trackingId, x.outcome, x.status]),
          ) + `${r.cancelled} cancelled\n`,
      );
    });

  sub('sweep <datasetId>')
    .description('train one dataset with many model families and hyperparameters; a live leaderboard with --watch')
    .option('--target <column>', 'the label column')
    .requiredOption('--models <types>', 'comma-separated model families, e.g. logistic_regression,mlp_classifier')
    .option('--grid <json>', 'hyperparameter grid, e.g. \'{"learningRate": [0.01, 0.1]}\'')
    .requiredOption('--metric <name>', 'the metric that ranks them (accuracy, f1, r2, rmse, …)')
    .option('--alias <alias>', 'give the best version this alias when the sweep ends')
    .option('--name <modelName>', 'registered model name')
    .option('--watch', 'follow the sweep: a live leaderboard until every job ends')
    .action(
      async (
        datasetId: string,
        flags: { target?: string; models: string; grid?: string; metric: string; alias?: string; name?: string; watch?: boolean },
      ) => {
        const grid = parseObject('--grid', flags.grid) as Record<string, unknown[]> | undefined;
        for (const [key, values] of Object.entries(grid ?? {})) {
          if (!Array.isArray(values)) throw new UsageError(`--grid: ${key} must be a list of values, e.g. [0.01, 0.1]`);
        }
        const modelTypes = flags.models
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        if (modelTypes.length === 0) throw new UsageError('--models needs at least one model family');
        const client = ctx.client();
        let sweep = await client.createSweep(datasetId, {
          target: flags.target,
          modelTypes,
          grid,
          metric: flags.metric,
          modelName: flags.name,
          promoteAlias: flags.alias,
        });
        if (flags.watch) {
          const live = ctx.json ? null : new Leaderboard(ctx.io.stderr);
          sweep = await client.waitForSweep(sweep.sweepId, { intervalMs: 1000, onUpdate: (s) => live?.draw(s) });
          live?.done();
          if (sweep.leaderboard.some((e) => e.status === 'failed' || e.status === 'cancelled')) ctx.exitCode = EXIT_CODES.jobFailed;
        }
        ctx.result(sweep, () => sweepText(sweep));
      },
    );

  sub('sweeps <sweepId>')
    .description("a sweep's leaderboard")
    .action(async (id: string) => {
      const sweep = await ctx.client().getSweep(id);
      ctx.result(sweep, () => sweepText(sweep));
    });

  sub('predict <rowsCsv>')
    .description('predictions for the rows of a CSV (header row, then one row per prediction); CSV out')
    .requiredOption('--model <modelId>', 'models:/<name>/<version>, models:/<name>@<alias> or models:/<name>/latest')
    .action(async (file: string, flags: { model: string }) => {
      let rows: Record<string, unknown>[];
      try {
        rows = csvRecords(await readFile(file, 'utf8'));
      } catch (error) {
        throw new UsageError(`${file}: ${(error as Error).message}`);
      }
      if (rows.length === 0) throw new UsageError(`${file} has no data rows`);
      const result = await ctx.client().predict(flags.model, rows);
      ctx.result(result, () => predictionsCsv(rows, result));
    });

  sub('models')
    .description('registered models with their versions and aliases')
    .option('--name <text>', 'only models whose name contains this')
    .action(async (flags: { name?: string }) => {
      const list = await ctx.client().listModels(flags.name);
      ctx.result(list, () =>
        table(
          ['name', 'latest', 'versions', 'aliases'],
          list.models.map((m) => [
            m.name,
            m.latestVersion,
            m.versions.length,
            Object.entries(m.aliases)
              .map(([a, v]) => `${a}→${v}`)
              .join(' ') || '-',
          ]),
        ),
      );
    });

  const alias = program.command('alias').description('model aliases: set NAME ALIAS VERSION, delete NAME ALIAS').exitOverride();
  alias
    .command('set <name> <alias> <version>')
    .description('point an alias at a version (models:/<name>@<alias>)')
    .exitOverride()
    .action(async (name: string, aliasName: string, version: string) => {
      const r = await ctx.client().setAlias(name, aliasName, version);
      ctx.result(r, () => `models:/${r.name}@${r.alias} → version ${r.version}\n`);
    });
  alias
    .command('delete <name> <alias>')
    .description('remove an alias')
    .exitOverride()
    .action(async (name: string, aliasName: string) => {
      const r = await ctx.client().deleteAlias(name, aliasName);
      ctx.result(r, () => `deleted models:/${r.name}@${r.alias}\n`);
    });

  return program;
}

async function watchJob(ctx: Context, client: ModelstreamClient, trackingId: string): Promise<void> {
  const progress = ctx.progress();
  const final = await client.waitForJob(trackingId, {
    onProgress: (s) => {
      const epochs = s.epoch !== undefined && s.epochs ? `  epoch ${s.epoch}/${s.epochs}` : '';
      progress?.update(`${(s.stage ?? s.status).padEnd(8)} ${bar((s.progress ?? 0) / 100)}${epochs}  ${s.status}`);
    },
  });
  progress?.done();
  ctx.result(final, () => statusText(final));
  if (final.status !== 'completed') ctx.exitCode = EXIT_CODES.jobFailed;
}

function statusText(s: JobStatus): string {
  const metrics = (s.result as { metrics?: Record<string, unknown> } | null)?.metrics;
  const rows: unknown[][] = [
    ['trackingId', s.trackingId],
    ['status', s.status],
    ['stage', s.stage],
    ['progress', `${s.progress}%`],
    ['modelType', s.modelType],
    ['target', s.target],
    ['datasetId', s.datasetId],
    ['modelId', s.modelId],
    ['metrics', metricsLine(metrics)],
    ['error', s.error],
  ];
  return table(
    ['field', 'value'],
    rows.filter(([, v]) => v !== undefined),
  );
}

function leaderboardRows(entries: LeaderboardEntry[]): unknown[][] {
  return entries.map((e) => [e.rank, e.modelType, cell(e.params), e.status, `${e.progress}%`, e.score, e.modelId, e.error]);
}

const LEADERBOARD_HEADER = ['rank', 'model', 'params', 'status', 'progress', 'score', 'modelId', 'error'];

function sweepText(s: Sweep): string {
  const head = `sweep ${s.sweepId} on ${s.datasetId}: ${s.status}, ${s.metric} (${s.direction})${
    s.promoteAlias ? `, alias ${s.promoteAlias}${s.promotedVersion ? ` → version ${s.promotedVersion}` : ''}` : ''
  }\n`;
  return head + table(LEADERBOARD_HEADER, leaderboardRows(s.leaderboard));
}

/** The sweep's leaderboard, redrawn in place on a terminal; elsewhere printed when a job's status changes. */
class Leaderboard {
  private lines = 0;
  private lastKey = '';

  constructor(private readonly out: Stream) {}

  draw(s: Sweep): void {
    const text = sweepText(s);
    if (this.out.isTTY) {
      if (this.lines > 0) this.out.write(`\x1b[${this.lines}A\x1b[0J`);
      this.out.write(text);
      this.lines = text.split('\n').length - 1;
      return;
    }
    const key = s.leaderboard.map((e) => `${e.trackingId}:${e.status}`).join(',');
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.out.write(text);
  }

  done(): void {
    this.lines = 0;
  }
}

/** The input rows with the prediction (and its probability) appended. */
export function predictionsCsv(rows: Record<string, unknown>[], result: PredictResult): string {
  const columns = Object.keys(rows[0] ?? {});
  const classification = result.problemType === 'classification';
  const header = [...columns, 'prediction', ...(classification ? ['probability'] : [])];
  const lines = rows.map((row, i) => {
    const p = result.predictions[i];
    const values = columns.map((c) => row[c]);
    if (p && 'label' in p) return [...values, p.label, p.probabilities[p.label]];
    return [...values, p && 'value' in p ? p.value : null];
  });
  return toCsv(header, lines);
}
