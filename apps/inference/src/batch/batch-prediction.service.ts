/**
 * Batch prediction (seed 003): a CSV — uploaded with the request, or one of the caller's stored datasets — is
 * scored in chunks as a background job; the results CSV goes to the results bucket and the job answers
 * a presigned download URL when done. The model and the CSV header are checked before the job is
 * accepted, so a wrong model or wrong columns get their 404/400 at once.
 */
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { canReach, LOCAL_PRINCIPAL, Principal } from '@modelstream/auth';
import { AppConfig } from '@modelstream/config';
import {
  ConflictError,
  formatModelRef,
  InvalidInputError,
  type ModelRef,
  NotFoundError,
  ownerOf,
  parseModelVersionUri,
} from '@modelstream/contracts';
import type { InputRow } from '@modelstream/ml';
import { ObjectStore } from '@modelstream/storage';
import { ModelServingService } from '../models/model-serving.service';
import { versionKey } from '../models/model-resolver';
import { PredictionService } from '../prediction/prediction.service';
import { validateRows } from '../prediction/signature-validation';
import { BatchJob, BatchJobStore } from './batch-job.store';
import { DatasetSource } from './dataset-source';
import { resultsHeader, resultsLines, csvLine } from './results-csv';

export const MAX_BATCH_CSV_BYTES = 25 * 1024 * 1024;
const URL_TTL_SECONDS = 3600;

export interface BatchJobView extends BatchJob {
  downloadUrl?: string;
  downloadUrlExpiresAt?: string;
  resultsPath?: string;
}

export interface BatchResults {
  filename: string;
  body: Readable;
}

/** Where this app streams a completed job's results CSV (what the portal offers for download). */
export const resultsPath = (jobId: string) => `/api/predict/batch/${jobId}/results`;

export interface BatchInput {
  ref: ModelRef;
  upload?: { buffer: Buffer; originalname: string };
  datasetId?: string;
  caller: Principal;
}

@Injectable()
export class BatchPredictionService {
  private readonly logger = new Logger(BatchPredictionService.name);

  constructor(
    private readonly models: ModelServingService,
    private readonly predictions: PredictionService,
    private readonly store: ObjectStore,
    private readonly jobs: BatchJobStore,
    private readonly datasets: DatasetSource,
    private readonly config: AppConfig,
  ) {}

  async start(input: BatchInput): Promise<BatchJobView> {
    if (!input.upload === !input.datasetId) {
      throw new InvalidInputError('Send either a CSV file (multipart field "file") or the "datasetId" of one of your datasets, not both.');
    }
    const bytes = input.upload
      ? input.upload.buffer
      : (await this.datasets.read(input.datasetId!, input.caller, MAX_BATCH_CSV_BYTES)).bytes;
    if (bytes.length > MAX_BATCH_CSV_BYTES)
      throw new InvalidInputError(`The CSV is ${bytes.length} bytes, over the ${MAX_BATCH_CSV_BYTES}-byte limit.`);
    const { columns, rows } = parseCsv(bytes);
    // Resolves (404s), loads and checks the header against the signature before the job is accepted.
    const modelId = await this.models.withModel(
      input.ref,
      (model) => {
        const missing = model.inputs.map((c) => c.name).filter((c) => !columns.includes(c));
        if (missing.length) {
          throw new InvalidInputError(
            `The CSV lacks the columns ${missing.map((c) => `"${c}"`).join(', ')} the model takes (it has ${columns.join(', ')}).`,
            { missingColumns: missing },
          );
        }
        // every value checked now (a "NaN" in a numeric column is a 400 here, not a job that fails half-way)
        validateRows(rows, model, Number.MAX_SAFE_INTEGER);
        return versionKey(model);
      },
      'batch',
    );
    const job = await this.jobs.create({
      jobId: randomUUID(),
      status: 'pending',
      requested: formatModelRef(input.ref),
      modelId,
      ownerId: input.caller.ownerId,
      source: input.upload ? { upload: input.upload.originalname } : { datasetId: input.datasetId! },
      rows: rows.length,
      processedRows: 0,
      createdAt: new Date().toISOString(),
    });
    // The job runs on after the answer; run() records its outcome on the job and never rejects.
    void this.run(job.jobId, modelId, columns, rows);
    return job;
  }

  /** A job of the caller's (an admin's: anyone's); another owner's is unknown to it (404). */
  private async ownJob(jobId: string, caller: Principal): Promise<BatchJob> {
    const job = await this.jobs.get(jobId);
    if (!canReach(caller, ownerOf(job.ownerId))) throw new NotFoundError(`No batch prediction job ${jobId}.`, { jobId });
    return job;
  }

  async status(jobId: string, caller: Principal = LOCAL_PRINCIPAL): Promise<BatchJobView> {
    const job = await this.ownJob(jobId, caller);
    if (job.status !== 'completed' || !job.result) return job;
    return {
      ...job,
      downloadUrl: await this.store.presignedGetUrl(job.result.bucket, job.result.key, URL_TTL_SECONDS),
      downloadUrlExpiresAt: new Date(Date.now() + URL_TTL_SECONDS * 1000).toISOString(),
      resultsPath: resultsPath(jobId),
    };
  }

  /** A completed job's results CSV from the object store; 409 while the job has none (yet). */
  async results(jobId: string, caller: Principal = LOCAL_PRINCIPAL): Promise<BatchResults> {
    const job = await this.ownJob(jobId, caller);
    if (job.status !== 'completed' || !job.result) {
      const wait =
        job.status === 'failed'
          ? `it failed (${job.error ?? 'no reason recorded'}) and has no results: submit it again with POST /api/predict/batch`
          : `its results are not written yet: poll GET /api/predict/batch/${jobId} until its status is "completed", then download`;
      throw new ConflictError(`Batch prediction job ${jobId} is ${job.status}; ${wait}.`, {
        jobId,
        status: job.status,
        processedRows: job.processedRows,
        rows: job.rows,
      });
    }
    return { filename: `predictions-${jobId}.csv`, body: await this.store.getStream(job.result.bucket, job.result.key) };
  }

  private async run(jobId: string, modelId: string, columns: string[], rows: InputRow[]): Promise<void> {
    try {
      await this.jobs.update(jobId, { status: 'running' });
      const chunk = this.predictions.maxRows;
      const lines: string[] = [];
      const { name, version } = parseModelVersionUri(modelId);
      // Pinned to the version checked at submit time, even if an alias moves meanwhile.
      await this.models.withModel({ kind: 'version', name, version }, async (model) => {
        lines.push(csvLine(resultsHeader(columns, model.classes)));
        for (let start = 0; start < rows.length; start += chunk) {
          const part = rows.slice(start, start + chunk);
          let prediction;
          try {
            prediction = this.predictions.predictChecked(model, part);
          } catch (error) {
            throw new Error(`rows ${start + 1}–${start + part.length}: ${(error as Error).message}`, { cause: error });
          }
          lines.push(...resultsLines(columns, part, prediction));
          await this.jobs.update(jobId, { processedRows: start + part.length }, true);
          await new Promise((r) => setImmediate(r)); // let requests in between chunks
        }
      });
      const key = `predictions/${jobId}.csv`;
      await this.store.put(this.config.S3_BUCKET_RESULTS, key, `${lines.join('\n')}\n`, 'text/csv');
      await this.jobs.update(jobId, {
        status: 'completed',
        result: { bucket: this.config.S3_BUCKET_RESULTS, key },
        finishedAt: new Date().toISOString(),
      });
      this.logger.log({ msg: 'batch prediction completed', jobId, modelId, rows: rows.length });
    } catch (error) {
      this.logger.warn({ msg: 'batch prediction failed', jobId, err: error });
      await this.jobs
        .update(jobId, { status: 'failed', error: (error as Error).message, finishedAt: new Date().toISOString() })
        .catch((err: unknown) => this.logger.error({ msg: 'could not record a failed batch job', jobId, err }));
    }
  }
}

function parseCsv(bytes: Buffer): { columns: string[]; rows: InputRow[] } {
  let records: string[][];
  try {
    records = parse(bytes, { skip_empty_lines: true, trim: true, bom: true, relax_column_count: false }) as string[][];
  } catch (error) {
    throw new InvalidInputError(`The CSV could not be parsed: ${(error as Error).message}`);
  }
  if (records.length === 0) throw new InvalidInputError('The CSV is empty: it needs a header row and at least one row.');
  const [columns, ...data] = records;
  if (data.length === 0) throw new InvalidInputError('The CSV has a header but no rows.');
  if (new Set(columns).size !== columns.length) throw new InvalidInputError(`The CSV header repeats a column: ${columns.join(', ')}.`);
  return { columns, rows: data.map((cells) => Object.fromEntries(columns.map((c, i) => [c, cells[i]]))) };
}
