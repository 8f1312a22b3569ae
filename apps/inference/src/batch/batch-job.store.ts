/**
 * Batch prediction jobs: kept in memory by the instance that runs them and written to the results bucket
 * (`jobs/<jobId>.json`) at every change of state, and at most once a second for progress, so any instance
 * can answer a job's status and a restart loses no finished job. A job still `running` in the store whose
 * record went quiet (its instance stopped) is answered as failed.
 */
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@modelstream/config';
import { NotFoundError } from '@modelstream/contracts';
import { ObjectStore } from '@modelstream/storage';

export type BatchJobStatus = 'pending' | 'running' | 'completed' | 'failed';

export interface BatchJob {
  jobId: string;
  status: BatchJobStatus;
  requested: string;
  modelId?: string;
  /** Who started the job (jobs from before access control have none: legacy). */
  ownerId?: string;
  source: { bucket: string; key: string } | { upload: string } | { datasetId: string };
  rows?: number;
  processedRows: number;
  createdAt: string;
  updatedAt: string;
  finishedAt?: string;
  result?: { bucket: string; key: string };
  error?: string;
}

const KEEP_LOCAL = 1000;
const PROGRESS_EVERY_MS = 1000;
/** A running job's record is refreshed at least this often; quieter than this, its runner is gone. */
export const STALE_AFTER_MS = 60_000;

@Injectable()
export class BatchJobStore {
  private readonly local = new Map<string, BatchJob>();
  private readonly lastWrite = new Map<string, number>();
  private readonly bucket: string;
  private bucketReady: Promise<void> | undefined;

  constructor(
    private readonly store: ObjectStore,
    config: AppConfig,
  ) {
    this.bucket = config.S3_BUCKET_RESULTS;
  }

  async create(job: Omit<BatchJob, 'updatedAt'>): Promise<BatchJob> {
    const full = { ...job, updatedAt: new Date().toISOString() };
    this.local.set(full.jobId, full);
    this.forgetOldest();
    await this.write(full);
    return { ...full };
  }

  /** Applies a change; writes it through unless it is only progress written less than a second ago. */
  async update(jobId: string, change: Partial<BatchJob>, progressOnly = false): Promise<void> {
    const job = this.local.get(jobId);
    if (!job) throw new Error(`batch job ${jobId} is not run by this instance`);
    Object.assign(job, change, { updatedAt: new Date().toISOString() });
    const quiet = Date.now() - (this.lastWrite.get(jobId) ?? 0);
    if (!progressOnly || quiet >= PROGRESS_EVERY_MS) await this.write(job);
  }

  async get(jobId: string): Promise<BatchJob> {
    const mine = this.local.get(jobId);
    if (mine) return { ...mine };
    let job: BatchJob;
    try {
      job = JSON.parse((await this.store.getBuffer(this.bucket, key(jobId))).toString('utf8')) as BatchJob;
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotFoundError(`No batch prediction job ${jobId}.`, { jobId });
      throw error;
    }
    const quiet = Date.now() - Date.parse(job.updatedAt);
    if ((job.status === 'running' || job.status === 'pending') && quiet > STALE_AFTER_MS) {
      return {
        ...job,
        status: 'failed',
        error: 'The inference instance running this job stopped before it finished. Submit the job again.',
      };
    }
    return job;
  }

  private async write(job: BatchJob): Promise<void> {
    this.lastWrite.set(job.jobId, Date.now());
    this.bucketReady ??= this.store.ensureBucket(this.bucket).catch((error: unknown) => {
      this.bucketReady = undefined;
      throw error;
    });
    await this.bucketReady;
    await this.store.put(this.bucket, key(job.jobId), JSON.stringify(job), 'application/json');
  }

  private forgetOldest(): void {
    for (const [id, job] of this.local) {
      if (this.local.size <= KEEP_LOCAL) return;
      if (job.status === 'completed' || job.status === 'failed') {
        this.local.delete(id);
        this.lastWrite.delete(id);
      }
    }
  }
}

const key = (jobId: string) => `jobs/${jobId}.json`;
