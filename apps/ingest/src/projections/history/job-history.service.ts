import { Injectable } from '@nestjs/common';
import { canReach, LOCAL_PRINCIPAL, Principal } from '@modelstream/auth';
import { NotFoundError } from '@modelstream/contracts';
import { JobMetricEntity, TrainingJobEntity } from '@modelstream/storage';
import { JobHistoryRepository } from './job-history.repository';
import { jobsPage, ListJobsQuery, selectJobs } from '../list-jobs.query';
import { JobHistoryDetail, JobHistoryPage, JobHistorySummary } from './job-history.views';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const json = (text: string | null): unknown => {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** Answers the job history API from MariaDB. */
@Injectable()
export class JobHistoryService {
  constructor(private readonly repository: JobHistoryRepository) {}

  /** The caller's jobs (an admin's: everyone's). */
  async list(query: ListJobsQuery, caller: Principal = LOCAL_PRINCIPAL): Promise<JobHistoryPage> {
    const selection = { ...selectJobs(query), ownerId: caller.admin ? undefined : caller.ownerId };
    const { rows, total } = await this.repository.list(selection);
    return { items: rows.map(summary), ...jobsPage(selection, total, rows.length) };
  }

  /** A job the caller may reach: another owner's is unknown to it (404). */
  async get(trackingId: string, caller: Principal = LOCAL_PRINCIPAL): Promise<JobHistoryDetail> {
    const record = await this.repository.get(trackingId);
    if (!record || !canReach(caller, record.job.ownerId)) {
      throw new NotFoundError(
        `No job history for trackingId '${trackingId}'. Check the id; a job appears here once its first event is projected.`,
      );
    }
    const { job, transitions, metrics } = record;
    return {
      ...summary(job),
      dataset: { sha256: job.datasetSha256, size: job.datasetSize, columns: json(job.datasetColumns) as string[] | null },
      settings: {
        modelName: job.modelName,
        modelType: job.modelType,
        problemType: job.problemType,
        target: job.target,
        hyperparameters: json(job.hyperparameters),
        training: json(job.settings),
      },
      upload: { receivedChunks: job.receivedChunks, totalChunks: job.totalChunks },
      attempts: job.attempts,
      mlflowRunId: job.mlflowRunId,
      modelVersion: job.modelVersion,
      cancel: job.cancelRequestedAt || job.cancelReason ? { reason: job.cancelReason, requestedAt: iso(job.cancelRequestedAt) } : null,
      requestedAt: iso(job.requestedAt),
      lastEventAt: job.lastEventAt.toISOString(),
      transitions: transitions.map((t) => ({ status: t.status, at: t.at.toISOString(), eventType: t.eventType })),
      epochs: epochsOf(metrics),
      metrics: Object.fromEntries(metrics.filter((m) => m.kind === 'final').map((m) => [m.name, m.value])),
      result: json(job.resultJson),
    };
  }
}

function summary(job: TrainingJobEntity): JobHistorySummary {
  return {
    trackingId: job.trackingId,
    filename: job.filename,
    modelName: job.modelName,
    modelType: job.modelType,
    status: job.status,
    progress: job.progress,
    stage: job.stage,
    version: job.version,
    modelId: job.modelId,
    error: job.error,
    createdAt: job.createdAt.toISOString(),
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
    datasetId: job.datasetId,
    sweepId: job.sweepId,
  };
}

function epochsOf(metrics: JobMetricEntity[]): JobHistoryDetail['epochs'] {
  const byEpoch = new Map<number, Record<string, number | null>>();
  for (const m of metrics) {
    if (m.kind !== 'epoch') continue;
    const entry = byEpoch.get(m.step) ?? {};
    entry[m.name] = m.value;
    byEpoch.set(m.step, entry);
  }
  return [...byEpoch.entries()].sort(([a], [b]) => a - b).map(([epoch, values]) => ({ epoch, metrics: values }));
}
