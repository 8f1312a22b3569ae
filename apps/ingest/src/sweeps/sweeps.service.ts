/**
 * Sweeps: one dataset fanned out into one training request per combination (spread across the trainer group
 * by the training-requests partitions), a SweepRequested event that records them (replay rebuilds the sweep),
 * and a live leaderboard read from the jobs' status.
 */
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { canReach, LOCAL_PRINCIPAL, Principal } from '@modelstream/auth';
import { FINAL_STATUSES, NotFoundError } from '@modelstream/contracts';
import { SweepEntity } from '@modelstream/storage';
import { CatalogRepository } from '../datasets/catalog.repository';
import { DatasetTrainingService } from '../datasets/dataset-training.service';
import { DatasetsService } from '../datasets/datasets.service';
import { JobStatusProjection } from '../projections/status/job-status.projection';
import { Combination, expandSweep, rankJobs, SWEEP_METRICS } from './sweep-plan';
import { CreateSweepDto, LeaderboardEntryView, SweepView } from './sweeps.dto';

@Injectable()
export class SweepsService {
  private readonly logger = new Logger(SweepsService.name);

  constructor(
    private readonly datasets: DatasetsService,
    private readonly trainings: DatasetTrainingService,
    private readonly repository: CatalogRepository,
    private readonly status: JobStatusProjection,
  ) {}

  /** Validates every combination first (nothing is published for a bad sweep), then requests them all. */
  async create(datasetId: string, body: CreateSweepDto, caller: Principal = LOCAL_PRINCIPAL): Promise<SweepView> {
    const dataset = await this.datasets.require(datasetId, caller);
    const combos = expandSweep({ modelTypes: body.modelTypes, grid: body.grid ?? {}, metric: body.metric });
    const sweepId = `sw-${randomUUID()}`;
    const requests = await Promise.all(
      combos.map((c) =>
        this.trainings.trainingRequest(
          dataset,
          { target: body.target, modelType: c.modelType, params: c.params, modelName: body.modelName },
          caller.ownerId,
          { sweepId },
        ),
      ),
    );
    const combinations: Combination[] = combos.map((c, i) => ({ trackingId: requests[i].trackingId, ...c }));
    const { modelName, target } = requests[0].payload;
    await this.datasets.publishCatalog({
      type: 'SweepRequested',
      trackingId: sweepId,
      ownerId: caller.ownerId,
      sequence: this.datasets.nextSequence(),
      payload: {
        sweepId,
        datasetId,
        modelName,
        target,
        metric: body.metric,
        promoteAlias: body.promoteAlias ?? null,
        combinationsJson: JSON.stringify(combinations),
      },
    });
    for (const request of requests) await this.trainings.requestTraining(request);
    this.logger.log({ sweepId, datasetId, trainings: combinations.length, metric: body.metric, msg: 'sweep requested' });
    return this.get(sweepId, caller);
  }

  /** A sweep the caller may reach (another owner's is unknown to it). */
  async get(sweepId: string, caller: Principal = LOCAL_PRINCIPAL): Promise<SweepView> {
    const sweep = await this.repository.findSweep(sweepId);
    if (!sweep || !canReach(caller, sweep.ownerId))
      throw new NotFoundError(`No sweep '${sweepId}'. Use the sweepId that POST /api/datasets/:id/sweeps answered.`);
    return this.view(sweep);
  }

  /** The sweep with its jobs' live status, best first. */
  async view(sweep: SweepEntity): Promise<SweepView> {
    const combinations = JSON.parse(sweep.combinationsJson) as Combination[];
    const jobs = await Promise.all(combinations.map((c) => this.status.get(c.trackingId)));
    const entries = combinations.map((c, i): Omit<LeaderboardEntryView, 'rank'> => {
      const job = jobs[i];
      const metrics = (job?.result?.metrics as Record<string, number | null> | undefined) ?? null;
      const score = job?.status === 'completed' ? (metrics?.[sweep.metric] ?? null) : null;
      return {
        ...c,
        status: job?.status ?? 'pending',
        progress: job?.progress ?? 0,
        score,
        metrics,
        modelId: job?.modelId ?? null,
        modelVersion: job?.modelVersion ?? null,
        error: job?.error ?? null,
      };
    });
    // Completed once every job is final and the alias, if one was asked for and some job completed, is given.
    const final = entries.every((e) => FINAL_STATUSES.has(e.status));
    const awaitingAlias = !!sweep.promoteAlias && !sweep.promotedVersion && entries.some((e) => e.score !== null);
    return {
      sweepId: sweep.sweepId,
      datasetId: sweep.datasetId,
      modelName: sweep.modelName,
      target: sweep.target,
      metric: sweep.metric,
      direction: SWEEP_METRICS[sweep.metric]?.direction ?? 'max',
      promoteAlias: sweep.promoteAlias,
      status: final && !awaitingAlias ? 'completed' : 'running',
      jobsFinal: final,
      promotedVersion: sweep.promotedVersion,
      createdAt: sweep.createdAt.toISOString(),
      combinations,
      leaderboard: rankJobs(entries, sweep.metric),
    };
  }
}
