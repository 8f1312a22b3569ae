/**
 * Batch prediction jobs of this instance, in memory (the brief allows in-process jobs): enough to poll a
 * job to its download URL. The oldest finished jobs are forgotten beyond a bound.
 */
import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@modelstream/contracts';

export type BatchJobStatus = 'pending' | 'running' | 'completed' | 'failed';

export interface BatchJob {
  jobId: string;
  status: BatchJobStatus;
  requested: string;
  modelId?: string;
  source: { bucket: string; key: string } | { upload: string };
  rows?: number;
  processedRows: number;
  createdAt: string;
  finishedAt?: string;
  result?: { bucket: string; key: string };
  error?: string;
}

const KEEP = 1000;

@Injectable()
export class BatchJobStore {
  private readonly jobs = new Map<string, BatchJob>();

  add(job: BatchJob): BatchJob {
    this.jobs.set(job.jobId, job);
    if (this.jobs.size > KEEP) {
      for (const [id, j] of this.jobs) {
        if (this.jobs.size <= KEEP) break;
        if (j.status === 'completed' || j.status === 'failed') this.jobs.delete(id);
      }
    }
    return job;
  }

  get(jobId: string): BatchJob {
    const job = this.jobs.get(jobId);
    if (!job) throw new NotFoundError(`No batch prediction job ${jobId} (jobs live in the instance that took them).`, { jobId });
    return job;
  }

  update(jobId: string, change: Partial<BatchJob>): void {
    Object.assign(this.get(jobId), change);
  }
}
