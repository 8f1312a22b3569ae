/**
 * Gives a finished sweep's best version its alias (promoteAlias) in the MLflow registry, then records it
 * with a SweepPromoted event. It looks at the sweeps still waiting for their alias every few seconds; with
 * several ingest instances, a short claim in Redis lets one of them do it (setting an alias twice to the
 * same version is harmless anyway).
 */
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@modelstream/config';
import { errorMessage } from '@modelstream/kafka';
import { MlflowClient } from '@modelstream/mlflow';
import { RedisConnection, RedisKeys } from '@modelstream/storage';
import { CatalogRepository } from '../datasets/catalog.repository';
import { DatasetsService } from '../datasets/datasets.service';
import { SweepsService } from './sweeps.service';

const CLAIM_MS = 60_000;

@Injectable()
export class SweepPromoter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SweepPromoter.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly config: AppConfig,
    private readonly repository: CatalogRepository,
    private readonly sweeps: SweepsService,
    private readonly datasets: DatasetsService,
    private readonly mlflow: MlflowClient,
    private readonly redis: RedisConnection,
    private readonly keys: RedisKeys,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.SWEEP_PROMOTE_INTERVAL_MS;
    if (every <= 0) return;
    this.timer = setInterval(() => void this.tick(), every);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One round; never two at once. Resolves to the number of sweeps promoted. */
  tick(): Promise<number> {
    this.running ??= this.promoteFinished()
      .catch((error: unknown) => {
        this.logger.warn({ err: errorMessage(error), msg: 'sweep promotion round failed; the next round retries' });
        return 0;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async promoteFinished(): Promise<number> {
    let promoted = 0;
    for (const sweep of await this.repository.unpromotedSweeps()) {
      const view = await this.sweeps.view(sweep);
      if (view.status !== 'completed' || !sweep.promoteAlias) continue;
      const best = view.leaderboard.find((e) => e.status === 'completed' && e.score !== null && e.modelVersion);
      if (!best?.modelVersion) continue;
      const claimed = await this.redis.client.set(this.keys.sweepClaim(sweep.sweepId), '1', 'PX', CLAIM_MS, 'NX');
      if (claimed !== 'OK') continue;
      await this.mlflow.setAlias(sweep.modelName, sweep.promoteAlias, best.modelVersion);
      await this.datasets.publishCatalog({
        type: 'SweepPromoted',
        trackingId: sweep.sweepId,
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
