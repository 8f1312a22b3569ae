/**
 * Gives a finished sweep's best version its alias (promoteAlias) in the MLflow registry, then records it
 * with a SweepPromoted event. It looks at the sweeps still waiting for their alias every few seconds; with
 * several ingest instances, a short claim in Redis lets one of them do it (setting an alias twice to the
 * same version is harmless anyway).
 */
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@modelstream/config';
import { PeriodicTask } from '@modelstream/platform';
import { MlflowClient } from '@modelstream/mlflow';
import { RedisConnection, RedisKeys } from '@modelstream/storage';
import { CatalogRepository } from '../datasets/catalog.repository';
import { DatasetsService } from '../datasets/datasets.service';
import { SweepsService } from './sweeps.service';

const CLAIM_MS = 60_000;

@Injectable()
export class SweepPromoter extends PeriodicTask {
  protected readonly logger = new Logger(SweepPromoter.name);

  constructor(
    private readonly config: AppConfig,
    private readonly repository: CatalogRepository,
    private readonly sweeps: SweepsService,
    private readonly datasets: DatasetsService,
    private readonly mlflow: MlflowClient,
    private readonly redis: RedisConnection,
    private readonly keys: RedisKeys,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.SWEEP_PROMOTE_INTERVAL_MS;
  }

  protected override startLog(): Record<string, unknown> {
    return { task: 'sweep promoter' };
  }

  protected async round(): Promise<number> {
    let promoted = 0;
    for (const sweep of await this.repository.unpromotedSweeps()) {
      const view = await this.sweeps.view(sweep);
      if (!view.jobsFinal || !sweep.promoteAlias) continue;
      const best = view.leaderboard.find((e) => e.status === 'completed' && e.score !== null && e.modelVersion);
      if (!best?.modelVersion) continue;
      const claimed = await this.redis.client.set(this.keys.sweepClaim(sweep.sweepId), '1', 'PX', CLAIM_MS, 'NX');
      if (claimed !== 'OK') continue;
      await this.mlflow.setAlias(sweep.modelName, sweep.promoteAlias, best.modelVersion);
      await this.datasets.publishCatalog({
        type: 'SweepPromoted',
        trackingId: sweep.sweepId,
        ownerId: sweep.ownerId,
        sequence: this.datasets.nextSequence(),
        payload: { sweepId: sweep.sweepId, alias: sweep.promoteAlias, modelVersion: best.modelVersion, bestTrackingId: best.trackingId },
      });
      this.logger.log({
        sweepId: sweep.sweepId,
        trackingId: best.trackingId,
        model: `models:/${sweep.modelName}@${sweep.promoteAlias}`,
        version: best.modelVersion,
        score: best.score,
        msg: 'sweep promoted its best version',
      });
      promoted++;
    }
    return promoted;
  }
}
